package io.siha.operator.model;

/**
 * Annotations the operator keeps on the node pods for itself. The rollout state lives here, on the pods, rather than in
 * the operator's memory, so a restarted (or newly elected) operator picks a rolling update up where it stopped.
 */
public final class OperatorPodAnnotations {

    /** Hash of everything the pod was built from (pod spec, database Secret, apps); a different hash means "roll it". */
    public static final String TEMPLATE_HASH = "siha.io/template-hash";

    /** When the operator set {@link io.siha.api.SiHaLabels#STEP_DOWN} on the pod (RFC 3339): bounds the wait. */
    public static final String STEP_DOWN_REQUESTED_AT = "siha.io/step-down-requested-at";

    private OperatorPodAnnotations() {
    }
}
