package io.siha.node.config;

/**
 * The event sync between the pair. {@link #toString()} never shows the secret.
 *
 * @param ackAfterPassive acknowledge a client only once the passive holds its event (or a snapshot covers it)
 * @param queueCapacity   events the passive's queue holds at most
 * @param secret          shared secret both nodes prove in the handshake
 */
public record EventSyncSettings(boolean ackAfterPassive, int queueCapacity, String secret) {

    @Override
    public String toString() {
        return "EventSyncSettings[ackAfterPassive=" + ackAfterPassive + ", queueCapacity=" + queueCapacity
                + ", secret=***]";
    }
}
