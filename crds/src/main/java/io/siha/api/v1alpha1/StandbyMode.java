package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the passive node does with the events it holds. JSON and the schema spell it {@code Cold} and {@code Hot}; the
 * node's environment spells it {@code cold} and {@code hot}.
 */
public enum StandbyMode {
    /** Queue the events; a takeover restores the latest snapshot and replays the queue. Half the CPU of hot. */
    COLD("Cold", "cold"),
    /**
     * Apply each event to a running standby runtime as it arrives, outputs held: a takeover needs no read, restore
     * or replay. Apps whose state a replay cannot reproduce (wall clock, stores) keep the node cold, and it says so.
     */
    HOT("Hot", "hot");

    private final String specName;
    private final String nodeValue;

    StandbyMode(String specName, String nodeValue) {
        this.specName = specName;
        this.nodeValue = nodeValue;
    }

    @JsonValue
    public String specName() {
        return specName;
    }

    /** The value of the node's SIHA_STANDBY_MODE, as its EnvReader spells enum constants. */
    public String nodeValue() {
        return nodeValue;
    }
}
