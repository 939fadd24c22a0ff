package io.siha.node.ha;

import java.util.Optional;

/** A takeover stopped before the node became active: the lease was lost, or a step can never succeed. */
final class TakeoverAbandonedException extends Exception {

    TakeoverAbandonedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why, if it was refused because the latest snapshot no longer fits the changed apps. */
    Optional<String> incompatibleState() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IncompatibleStateException incompatible) {
                return Optional.of(incompatible.getMessage());
            }
        }
        return Optional.empty();
    }
}
