package io.siha.client;

/**
 * The node refused a batch for a reason a retry cannot fix: bad input ({@link RefusalCode#BAD_REQUEST}: the message
 * names the event and attribute), an app or stream it does not run ({@link RefusalCode#UNKNOWN_STREAM}), a missing or
 * wrong token ({@link RefusalCode#UNAUTHORIZED}) or another protocol version. Nothing of the batch was taken.
 */
public final class RefusedException extends RuntimeException {

    private final RefusalCode code;

    RefusedException(RefusalCode code, String app, String stream, int events, String message) {
        super("the node refused " + events + " event(s) of " + app + "/" + stream + " (" + code + "): " + message);
        this.code = code;
    }

    public RefusalCode code() {
        return code;
    }
}
