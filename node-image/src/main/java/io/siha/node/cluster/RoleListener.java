package io.siha.node.cluster;

/** Told of every role change of this node, one at a time, in order, on the election's dispatch thread. */
@FunctionalInterface
public interface RoleListener {

    void onRoleChange(RoleChange change);

    /**
     * This node's lease of {@code epoch} ran out or was taken (fenced, or lost): told at once, on the thread that
     * found it out, because the peer may be taking over. The {@link RoleChange.BecamePassive} that follows on the
     * dispatch thread can wait there behind a takeover or a term's slow close, while the node would still take
     * events. So stop taking events and releasing outputs here, quickly, and leave the rest to that change. May come
     * while the dispatch thread handles the same term's end, and after it.
     */
    default void onLeaseEnded(long epoch) {
    }
}
