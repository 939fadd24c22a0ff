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
 * @param switchover the record of the last switchover requested in the spec; empty: keep the previous status'
 */
public record StatusInputs(PairObservation pair, long generation, List<SpecProblem> specProblems,
                           Optional<String> rollout, Optional<SwitchoverRecord> switchover) {

    public StatusInputs {
        specProblems = List.copyOf(specProblems);
    }

    /** Inputs that leave the switchover record as it was. */
    public StatusInputs(PairObservation pair, long generation, List<SpecProblem> specProblems,
                        Optional<String> rollout) {
        this(pair, generation, specProblems, rollout, Optional.empty());
    }
}
