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
}
