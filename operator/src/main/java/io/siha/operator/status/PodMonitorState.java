package io.siha.operator.status;

/** What became of {@code spec.monitoring.podMonitor} in one reconcile; the PodMonitorReady condition reports it. */
public enum PodMonitorState {
    /** The spec asks for none (any the operator made is deleted): no condition. */
    NOT_ASKED,
    /** Written as the spec asks. */
    WRITTEN,
    /** Asked for, but the API server serves no monitoring.coreos.com/v1 podmonitors, so none can be created. */
    CRD_MISSING,
    /** Nothing was written because the spec is invalid: the condition stays as it was. */
    UNCHANGED
}
