package io.siha.operator.reconcile;

import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.pair.SwitchoverRecord;

/**
 * The Event for a requested switchover whose record changed: accepted, waiting, refused or failed. The role change
 * itself gets the {@code Switchover} Event of every planned change of active.
 */
final class SwitchoverEvents {

    private SwitchoverEvents() {
    }

    static void record(EventRecorder events, SiHaCluster cluster, SwitchoverRecord record) {
        String message = "spec.switchover.activePod " + record.request().activePod() + ": " + record.message();
        switch (record.result()) {
            case Pending -> events.normal(cluster, "SwitchoverPending", message);
            case InProgress -> events.normal(cluster, "SwitchoverAccepted", message);
            case Succeeded -> events.normal(cluster, "SwitchoverCompleted", message);
            case Refused -> events.warning(cluster, "SwitchoverRefused", record.reason() + ": " + message);
            case Failed -> events.warning(cluster, "SwitchoverFailed", record.reason() + ": " + message);
        }
    }
}
