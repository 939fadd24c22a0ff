package io.siha.client;

/** What one attempt at one endpoint came to. */
record Outcome(Kind kind, RefusalCode code, String message) {

    enum Kind {
        /** Every event of the batch is acknowledged. */
        ACKED,
        /** Refused for a reason the same batch will meet anywhere: fail it. */
        REFUSED,
        /** The endpoint is not active, gone or silent: send the batch to the next one. */
        RETRY
    }

    private static final Outcome ACKED = new Outcome(Kind.ACKED, null, null);

    static Outcome acked() {
        return ACKED;
    }

    /** A refusal; one that {@link RefusalCode#retriable() can be retried} becomes a retry. */
    static Outcome refused(RefusalCode code, String message) {
        return code.retriable() ? retry(code + ": " + message) : new Outcome(Kind.REFUSED, code, message);
    }

    static Outcome retry(String problem) {
        return new Outcome(Kind.RETRY, null, problem);
    }
}
