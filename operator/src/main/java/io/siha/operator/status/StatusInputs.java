package io.siha.operator.status;

import io.siha.operator.model.SpecProblem;
import io.siha.operator.pair.PairObservation;

import java.util.List;
import java.util.Optional;

/**
 * Everything one status is computed from besides the previous status.
 *
 * @param rollout    what a rolling update is waiting for, when one is in progress
 * @param podMonitor what became of the PodMonitor the spec may ask for
 */
public record StatusInputs(PairObservation pair, long generation, List<SpecProblem> specProblems,
                           Optional<String> rollout, PodMonitorState podMonitor) {

    public StatusInputs {
        specProblems = List.copyOf(specProblems);
    }

    /** Of a spec that asks for no PodMonitor. */
    public StatusInputs(PairObservation pair, long generation, List<SpecProblem> specProblems,
                        Optional<String> rollout) {
        this(pair, generation, specProblems, rollout, PodMonitorState.NOT_ASKED);
    }
}
