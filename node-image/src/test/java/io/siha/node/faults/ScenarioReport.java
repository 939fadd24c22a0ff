package io.siha.node.faults;

import io.siha.node.demo.OutputCheck;

import java.util.Optional;

/**
 * What one fault scenario measured, as one row of the soak's reliability table: the faults it injected (a short
 * description, with the measured durations and counts), the events the client had acknowledged and the app
 * counted, the role timeline's samples and how many of them showed two nodes serving, its key timing, and the
 * outputs the acknowledged events must produce against those that arrived (empty for a run without outputs).
 */
record ScenarioReport(String scenario, String faults, long acknowledged, long counted, int samples,
                      int twoActiveInstants, String keyTiming, Optional<OutputCheck> outputs) {

    /** Acknowledged but not counted: an acknowledged event the app never saw. */
    long lost() {
        return Math.max(0, acknowledged - counted);
    }

    /** Counted beyond what was acknowledged: an event the app saw twice (the client never sends one twice). */
    long duplicated() {
        return Math.max(0, counted - acknowledged);
    }

    /** Whether the figures themselves show a failure, whatever the scenario's other assertions said. */
    boolean clean() {
        return lost() == 0 && duplicated() == 0 && twoActiveInstants == 0
                && outputs.map(OutputCheck::sound).orElse(true);
    }
}
