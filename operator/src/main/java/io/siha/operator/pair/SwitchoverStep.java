package io.siha.operator.pair;

import java.util.List;
import java.util.Optional;

/**
 * The planner's decision on a requested switchover: the record for the status (empty when none was ever requested)
 * and the pod steps to take for it (the step-down request, once, when it is accepted).
 */
public record SwitchoverStep(Optional<SwitchoverRecord> record, List<PodAction> actions) {

    public SwitchoverStep {
        actions = List.copyOf(actions);
    }
}
