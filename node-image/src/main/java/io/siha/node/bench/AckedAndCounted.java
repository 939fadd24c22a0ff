package io.siha.node.bench;

/**
 * The events a run's client saw acknowledged against those the app counted: any difference is an acknowledged event
 * lost or one counted twice.
 */
record AckedAndCounted(long acked, long counted) {

    long lost() {
        return Math.max(0, acked - counted);
    }

    long duplicated() {
        return Math.max(0, counted - acked);
    }

    @Override
    public String toString() {
        return String.format("%,d acknowledged, %,d counted, %d lost, %d duplicated", acked, counted, lost(),
                duplicated());
    }
}
