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

    /** An EVENTS frame as the passive decodes it: events numbered {@code firstSeq, firstSeq + 1, ...}. */
    record Events(long firstSeq, List<SyncEvent> events) implements Frame {
        public FrameType type() {
            return FrameType.EVENTS;
        }
    }

    /**
     * An EVENTS frame as the active sends it: events the journal already holds encoded by {@link EventCodec}, so
     * they are encoded once however often a reconnect resends them.
     */
    record EventBatch(long firstSeq, List<byte[]> encodedEvents) implements Frame {
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
}
