package io.siha.node.sync;

/** Passive queues filled as an active of a given epoch would fill them, for tests outside this package. */
public final class QueueFixtures {

    private QueueFixtures() {
    }

    /** A queue of {@code capacity} holding events {@code from..to} from the active of {@code epoch}. */
    public static PassiveQueue holding(int capacity, long epoch, long from, long to) {
        PassiveQueue queue = new PassiveQueue(capacity);
        queue.admit(epoch);
        if (from > 1) {
            queue.persisted(from - 1);
        }
        for (long seq = from; seq <= to; seq++) {
            if (queue.offer(seq, EventCodec.encode(TestEvents.event(seq))) != PassiveQueue.Offer.APPENDED) {
                throw new IllegalStateException("event " + seq + " not appended");
            }
        }
        return queue;
    }

    /** Appends {@code event} as the active's session would; throws unless the queue took it. */
    public static void offer(PassiveQueue queue, SyncEvent event) {
        if (queue.offer(event.seq(), EventCodec.encode(event)) != PassiveQueue.Offer.APPENDED) {
            throw new IllegalStateException("event " + event.seq() + " not appended");
        }
    }

    /** Hands the queue the active's digest, as a DIGEST frame would. */
    public static void digest(PassiveQueue queue, StateDigest digest) {
        if (!queue.digest(digest)) {
            throw new IllegalStateException("digest at seq " + digest.seq() + " refused");
        }
    }
}
