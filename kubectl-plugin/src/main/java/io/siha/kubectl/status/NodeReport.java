package io.siha.kubectl.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The part of a node's {@code /v1/status} (the node image's {@code NodeStatus}) that {@code kubectl siha status}
 * shows. Read field by field from the JSON, so a node of another version that lacks one is told apart from a value.
 *
 * @param role             "active" or "passive"
 * @param epoch            the epoch of the node's term (active) or of the last active it saw (passive)
 * @param ready            active with its ingest port open
 * @param degraded         active without a passive in sync
 * @param peerConnected    the sync connection to the other node is up
 * @param queueDepth       events in the passive's queue
 * @param queueCapacity    the queue's bound
 * @param snapshotAgeMs    how long ago the active wrote its last snapshot; -1 on a passive
 * @param ackWaitSamples   acknowledgements timed since the node started
 * @param ackWaitP99Micros their 99th percentile
 * @param applyBacklog     events the active took that Siddhi has not processed yet; empty from a node of a version
 *                         that does not report it
 * @param outputsPending   outputs waiting for their receivers (0 on a passive)
 * @param refusingEvents   why the node refuses new events now (memory guard), if it does
 * @param refusedSnapshot  why the node's last takeover refused the latest snapshot, if it did
 */
public record NodeReport(String role, long epoch, boolean ready, boolean degraded, boolean peerConnected,
                         int queueDepth, int queueCapacity, long snapshotAgeMs, long ackWaitSamples,
                         long ackWaitP99Micros, OptionalLong applyBacklog, long outputsPending,
                         Optional<String> refusingEvents,
                         Optional<String> refusedSnapshot) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isActive() {
        return "active".equals(role);
    }

    public boolean isPassive() {
        return "passive".equals(role);
    }

    /** The body of {@code /v1/status}; an error names what is missing or malformed. */
    public static NodeReport parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode ackWait = required(root, "ackWait");
        long samples = 0;
        for (JsonNode count : required(ackWait, "counts")) {
            samples += count.asLong();
        }
        return new NodeReport(required(root, "role").asText(), required(root, "epoch").asLong(),
                required(root, "ready").asBoolean(), required(root, "degraded").asBoolean(),
                required(root, "peerConnected").asBoolean(), required(root, "queueDepth").asInt(),
                required(root, "queueCapacity").asInt(), required(root, "snapshotAgeMs").asLong(), samples,
                required(ackWait, "p99Micros").asLong(), optionalLong(root.path("applyBacklog")),
                required(root, "outputsPending").asLong(),
                text(root.path("memory").path("refusing")), text(root.path("state").path("refused")));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no field " + field + " in the node's status");
        }
        return value;
    }

    private static OptionalLong optionalLong(JsonNode node) {
        if (node.isMissingNode()) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("applyBacklog in the node's status is not a whole number: " + node);
        }
        return OptionalLong.of(node.asLong());
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
