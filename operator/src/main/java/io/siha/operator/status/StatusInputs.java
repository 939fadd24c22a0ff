package io.siha.operator.status;

import io.siha.operator.model.SpecProblem;
import io.siha.operator.pair.PairObservation;
import io.siha.operator.pair.SwitchoverRecord;

import java.util.List;
import java.util.Optional;

/**
 * Everything one status is computed from besides the previous status.
 *
 * @param rollout    what a rolling update is waiting for, when one is in progress
 * @param podMonitor what became of the PodMonitor the spec may ask for
 * @param switchover the record of the last switchover requested in the spec; empty: keep the previous status'
 */
public record StatusInputs(PairObservation pair, long generation, List<SpecProblem> specProblems,
                           Optional<String> rollout, PodMonitorState podMonitor,
                           Optional<SwitchoverRecord> switchover) {

    public StatusInputs {
        specProblems = List.copyOf(specProblems);
    }

    /** Of a spec that asks for no PodMonitor, leaving the switchover record as it was. */
    public StatusInputs(PairObservation pair, long generation, List<SpecProblem> specProblems,
                        Optional<String> rollout) {
        this(pair, generation, specProblems, rollout, PodMonitorState.NOT_ASKED, Optional.empty());
    }
}
