package io.siha.kubectl.cli;

/** The command line cannot be understood; the message says what is wrong in it. Exit code 2, as kubectl's. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
