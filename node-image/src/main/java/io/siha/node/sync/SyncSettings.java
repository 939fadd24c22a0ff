package io.siha.node.sync;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What both ends of the event sync need to know.
 *
 * @param clusterGroup  the pair's cluster group; a peer of another group is refused
 * @param nodeId        this node's id, sent in the handshake for the peer's logs
 * @param sharedSecret  the key the handshake proves knowledge of (from the cluster's database Secret); never sent
 * @param queueCapacity events the passive's queue holds at most
 * @param queueMaxBytes heap the passive's queue (and the active's journal) holds at most: by default a fifth of the
 *                      heap, so that a queue of small events can be long and one of large events cannot run the heap
 *                      out
 * @param maxFrameBytes largest frame either end sends or accepts, length prefix excluded
 * @param tls           mutual TLS under the protocol; empty: plain TCP
 */
public record SyncSettings(String clusterGroup, String nodeId, byte[] sharedSecret, int queueCapacity,
                           long queueMaxBytes, int maxFrameBytes, Optional<SyncTls> tls) {

    /** The share of the heap {@link #queueMaxBytes} is by default. */
    static final int QUEUE_HEAP_DIVISOR = 5;

    /** An HMAC key much shorter than its 32-byte output gives away strength for nothing. */
    static final int MIN_SECRET_BYTES = 16;
    /** Room for the largest handshake frame and a useful event; smaller frames would only break replication. */
    static final int MIN_FRAME_BYTES = 4096;

    public SyncSettings {
        requireName("clusterGroup", clusterGroup);
        requireName("nodeId", nodeId);
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        if (sharedSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the sync shared secret must have at least " + MIN_SECRET_BYTES
                    + " bytes, got " + sharedSecret.length);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, got " + queueCapacity);
        }
        if (queueMaxBytes < 1) {
            throw new IllegalArgumentException("queueMaxBytes must be >= 1, got " + queueMaxBytes);
        }
        if (maxFrameBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be >= " + MIN_FRAME_BYTES + ", got "
                    + maxFrameBytes);
        }
        Objects.requireNonNull(tls, "tls");
        sharedSecret = sharedSecret.clone(); // so nobody can change the key behind our back
    }

    /** Settings for plain TCP, the queue bounded by a fifth of this JVM's heap. */
    public SyncSettings(String clusterGroup, String nodeId, byte[] sharedSecret, int queueCapacity,
                        int maxFrameBytes) {
        this(clusterGroup, nodeId, sharedSecret, queueCapacity, Runtime.getRuntime().maxMemory() / QUEUE_HEAP_DIVISOR,
                maxFrameBytes, Optional.empty());
    }

    /** The same settings over mutual TLS. */
    public SyncSettings withTls(SyncTls mutualTls) {
        return new SyncSettings(clusterGroup, nodeId, sharedSecret, queueCapacity, queueMaxBytes, maxFrameBytes,
                Optional.of(mutualTls));
    }

    @Override
    public byte[] sharedSecret() {
        return sharedSecret.clone();
    }

    // Keeps the secret out of logs and exception messages.
    @Override
    public String toString() {
        return "SyncSettings[clusterGroup=" + clusterGroup + ", nodeId=" + nodeId + ", sharedSecret=<"
                + sharedSecret.length + " bytes>, queueCapacity=" + queueCapacity + ", queueMaxBytes=" + queueMaxBytes
                + ", maxFrameBytes="
                + maxFrameBytes + ", tls=" + (tls.isPresent() ? "mutual" : "off") + "]";
    }

    private static void requireName(String field, String value) {
        Objects.requireNonNull(value, field);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > FrameCodec.MAX_NAME_BYTES) {
            throw new IllegalArgumentException(field + " must have 1 to " + FrameCodec.MAX_NAME_BYTES
                    + " UTF-8 bytes, got " + bytes);
        }
    }
}
