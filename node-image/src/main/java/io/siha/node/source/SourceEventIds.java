package io.siha.node.source;

/**
 * The ids of source events, from what the source passes as its first transport sync property (an HTTP request's
 * {@code Idempotency-Key}): the key itself for a single event, {@code key#i} for the i-th event of a batch (from 0),
 * so a client retrying the same request after a failover has each of its events counted once. No key: no id.
 */
final class SourceEventIds {

    private SourceEventIds() {
    }

    static String single(String[] transportSyncProperties) {
        return key(transportSyncProperties);
    }

    static String ofBatch(String[] transportSyncProperties, int index) {
        String key = key(transportSyncProperties);
        return key == null ? null : key + "#" + index;
    }

    private static String key(String[] transportSyncProperties) {
        if (transportSyncProperties == null || transportSyncProperties.length == 0) {
            return null;
        }
        String key = transportSyncProperties[0];
        return key == null || key.isEmpty() ? null : key;
    }
}
