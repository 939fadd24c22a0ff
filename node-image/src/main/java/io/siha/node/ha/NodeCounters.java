package io.siha.node.ha;

import java.util.concurrent.atomic.AtomicLong;

/** Counters reported on the REST port, kept across terms. */
public final class NodeCounters {

    final AtomicLong eventsIn = new AtomicLong();
    final AtomicLong failedTakeovers = new AtomicLong();

    public long eventsIn() {
        return eventsIn.get();
    }

    public long failedTakeovers() {
        return failedTakeovers.get();
    }
}
