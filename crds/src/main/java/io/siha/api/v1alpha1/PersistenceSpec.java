package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.siha.api.SiHaDefaults;

/**
 * Periodic persistence of Siddhi state. A takeover restores the last snapshot and replays the events synced after it,
 * so the interval bounds the replay work (and the passive's queue), not what can be lost.
 */
public class PersistenceSpec {

    @Default("" + SiHaDefaults.PERSISTENCE_INTERVAL_MS)
    @Min(100)
    @JsonPropertyDescription("Milliseconds between two snapshots of the Siddhi state written by the active node.")
    private long intervalMs = SiHaDefaults.PERSISTENCE_INTERVAL_MS;

    @Default("" + SiHaDefaults.PERSISTENCE_REVISIONS_TO_KEEP)
    @Min(1)
    @JsonPropertyDescription("Snapshots kept per Siddhi app; older ones are deleted.")
    private int revisionsToKeep = SiHaDefaults.PERSISTENCE_REVISIONS_TO_KEEP;

    @Default("Fail")
    @JsonPropertyDescription("What a takeover does when the apps changed so that the latest snapshot no longer fits"
            + " them (a column added to a table, a query renamed or its window changed, an app removed): Fail refuses"
            + " the takeover, leaves the old version active with its state and reports the change in the"
            + " StateCompatible condition; StartFresh starts the apps it no longer fits empty, restores the others,"
            + " and reports what it discarded. Siddhi itself would restore such state without a word.")
    private IncompatibleStatePolicy onIncompatibleState = IncompatibleStatePolicy.FAIL;

    public long getIntervalMs() {
        return intervalMs;
    }

    public void setIntervalMs(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    public IncompatibleStatePolicy getOnIncompatibleState() {
        return onIncompatibleState;
    }

    public void setOnIncompatibleState(IncompatibleStatePolicy onIncompatibleState) {
        this.onIncompatibleState = onIncompatibleState;
    }

    public int getRevisionsToKeep() {
        return revisionsToKeep;
    }

    public void setRevisionsToKeep(int revisionsToKeep) {
        this.revisionsToKeep = revisionsToKeep;
    }
}
