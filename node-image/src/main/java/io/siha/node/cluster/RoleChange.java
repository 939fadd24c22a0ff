package io.siha.node.cluster;

/** A change of this node's role, delivered to {@link RoleListener}s in the order it happened. */
public sealed interface RoleChange {

    /** The term this change starts or ends. */
    long epoch();

    /** This node took the lease: it is the active node of term {@code epoch}. */
    record BecameActive(long epoch) implements RoleChange {
    }

    /** This node's term {@code epoch} ended: it must stop acting as active at once. */
    record BecamePassive(long epoch, Reason reason, String detail) implements RoleChange {
    }

    /** Why a term ended. */
    enum Reason {
        /** The lease could not be renewed before it would end (database down, network cut, slow query). */
        RENEWAL_TIMED_OUT,
        /** The database says the term is over: the lease ended or another node took it. */
        LEASE_LOST,
        /** This node gave the lease up: planned shutdown or handover. */
        RELEASED,
        /** A role listener failed on this term's start: the node cannot serve it, so it gives the lease up. */
        LISTENER_FAILED
    }
}
