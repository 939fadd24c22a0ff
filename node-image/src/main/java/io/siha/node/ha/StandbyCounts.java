package io.siha.node.ha;

/** What a hot standby counted: its resyncs from a snapshot, and the active's digests its state matched or not. */
record StandbyCounts(long resyncs, long digestsMatched, long divergences) {

    static final StandbyCounts NONE = new StandbyCounts(0, 0, 0);

    StandbyCounts plus(StandbyCounts other) {
        return new StandbyCounts(resyncs + other.resyncs, digestsMatched + other.digestsMatched,
                divergences + other.divergences);
    }
}
