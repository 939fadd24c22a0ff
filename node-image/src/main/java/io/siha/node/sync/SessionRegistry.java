package io.siha.node.sync;

import java.util.HashSet;
import java.util.Set;

/**
 * Decides which active the passive listens to. Only one at a time: a newly admitted session supersedes every
 * other (a higher epoch is a new active; the same epoch is the same active reconnecting over a connection the
 * old one does not know is dead yet), and an epoch below the highest ever admitted is refused for good.
 */
final class SessionRegistry {

    private final Set<PassiveSession> current = new HashSet<>();
    private long highestEpoch;
    /** Epochs below this are refused although none of them was admitted here (see {@link #refuseBelow}). */
    private long floor;

    /** Admits a session that proved the secret; returns null, or the reason it is refused. */
    synchronized String admit(PassiveSession session, long epoch) {
        long lowest = Math.max(highestEpoch, floor);
        if (epoch < lowest) {
            return "stale epoch " + epoch + " < " + lowest;
        }
        highestEpoch = epoch;
        for (PassiveSession other : current) {
            other.supersede(epoch);
        }
        current.clear();
        current.add(session);
        return null;
    }

    /** Whether the session may still change the queue: it was admitted and nobody superseded it since. */
    synchronized boolean isCurrent(PassiveSession session) {
        return current.contains(session);
    }

    synchronized void remove(PassiveSession session) {
        current.remove(session);
    }

    synchronized boolean hasCurrent() {
        return !current.isEmpty();
    }

    /** Refuses every epoch below {@code epoch} from now on; {@link #highestEpoch} still counts admitted ones. */
    synchronized void refuseBelow(long epoch) {
        floor = Math.max(floor, epoch);
    }

    /** The highest epoch of an active admitted here: the one this passive was in sync with. */
    synchronized long highestEpoch() {
        return highestEpoch;
    }
}
