package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a takeover does with a snapshot whose state the changed apps no longer fit. JSON and the schema spell it
 * {@code Fail} and {@code StartFresh}; the node's environment spells it {@code fail} and {@code start-fresh}.
 */
public enum IncompatibleStatePolicy {
    /** Refuse the takeover and report which app and element changed: nothing is discarded unasked. */
    FAIL("Fail", "fail"),
    /** Start the apps the snapshot does not fit empty, restore the others, and report what was discarded. */
    START_FRESH("StartFresh", "start-fresh");

    private final String specName;
    private final String nodeValue;

    IncompatibleStatePolicy(String specName, String nodeValue) {
        this.specName = specName;
        this.nodeValue = nodeValue;
    }

    @JsonValue
    public String specName() {
        return specName;
    }

    /** The value of the node's SIHA_ON_INCOMPATIBLE_STATE, as its EnvReader spells enum constants. */
    public String nodeValue() {
        return nodeValue;
    }
}
