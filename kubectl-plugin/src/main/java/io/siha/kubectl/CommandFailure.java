package io.siha.kubectl;

/** A command could not do what it was asked, for a reason its message gives in full. Exit code 1. */
public final class CommandFailure extends RuntimeException {

    public CommandFailure(String message) {
        super(message);
    }
}
