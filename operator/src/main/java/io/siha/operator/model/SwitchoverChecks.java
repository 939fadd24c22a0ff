package io.siha.operator.model;

import io.siha.api.v1alpha1.SwitchoverSpec;

import java.util.List;

/**
 * {@code spec.switchover} as the schema has it, for a server without schema validation. Whether the pod is one of the
 * pair is not a spec error: the request is refused in {@code status.lastSwitchover} (reason UnknownPod) instead.
 */
final class SwitchoverChecks {

    static final int MAX_REQUEST_ID = 63;

    private SwitchoverChecks() {
    }

    static void check(SwitchoverSpec switchover, List<SpecProblem> problems) {
        if (switchover == null) {
            return;
        }
        String pod = switchover.getActivePod();
        if (pod == null || pod.isBlank()) {
            problems.add(new SpecProblem("spec.switchover.activePod", "is required: the pod to make active"));
        } else if (!PodTemplateChecks.DNS_LABEL.matcher(pod).matches()) {
            problems.add(new SpecProblem("spec.switchover.activePod", pod + ": must be a pod name (lower case"
                    + " letters, digits and '-', at most 63), e.g. NAME-1"));
        }
        if (switchover.getRequestId() != null && switchover.getRequestId().length() > MAX_REQUEST_ID) {
            problems.add(new SpecProblem("spec.switchover.requestId", "must be at most " + MAX_REQUEST_ID
                    + " characters"));
        }
    }
}
