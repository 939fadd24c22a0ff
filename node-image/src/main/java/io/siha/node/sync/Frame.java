package io.siha.node.sync;

import java.util.List;

/** One message of the sync protocol, as the codec reads and writes it. */
sealed interface Frame {

    FrameType type();

    record Challenge(byte[] nonce) implements Frame {
        public FrameType type() {
            return FrameType.CHALLENGE;
        }
    }

    record Hello(String clusterGroup, String nodeId, long epoch, byte[] proof) implements Frame {
        public FrameType type() {
            return FrameType.HELLO;
        }
    }

    /** @param queueCapacity lets the client keep within the queue instead of overrunning it */
    record Welcome(long lastSeq, long persistedSeq, int queueCapacity) implements Frame {
        public FrameType type() {
            return FrameType.WELCOME;
        }
    }

    record Refused(String reason) implements Frame {
        public FrameType type() {
            return FrameType.REFUSED;
        }
    }

    /**
     * An EVENTS frame: events numbered {@code firstSeq, firstSeq + 1, ...}, each in {@link EventCodec}'s form. The
     * active sends what its journal holds, encoded once however often a reconnect resends it; the passive keeps
     * the bytes as they came (the decoder has checked every field), which is a fraction of a decoded event's size.
     */
    record Events(long firstSeq, List<byte[]> encodedEvents) implements Frame {
        public FrameType type() {
            return FrameType.EVENTS;
        }
    }

    /** @param fillPercent how full the passive's queue is, 0 to 100 */
    record Ack(long lastSeq, int fillPercent) implements Frame {
        public FrameType type() {
            return FrameType.ACK;
        }
    }

    record Control(long revision, long lastSeq) implements Frame {
        public FrameType type() {
            return FrameType.CONTROL;
        }
    }

    /** The active's state digest at a seq. */
    record Digest(StateDigest digest) implements Frame {
        public FrameType type() {
            return FrameType.DIGEST;
        }
    }

    /** The active's delivered marks, one per sink that delivered anything. */
    record Delivered(List<DeliveredMark> marks) implements Frame {
        public FrameType type() {
            return FrameType.DELIVERED;
        }
    }
}
