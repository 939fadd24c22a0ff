package io.siha.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * An object with the name the operator wants exists but belongs to someone else (no owner reference to this
 * SiHaCluster). The operator never takes over or overwrites such an object; it reports the clash in the status.
 */
final class NotOwnedException extends RuntimeException {

    NotOwnedException(HasMetadata object) {
        super(object.getKind() + " " + object.getMetadata().getName()
                + " exists and is not owned by this SiHaCluster; rename or delete it");
    }
}
