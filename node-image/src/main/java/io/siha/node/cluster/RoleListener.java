package io.siha.node.cluster;

/** Told of every role change of this node, one at a time, in order, on the election's dispatch thread. */
@FunctionalInterface
public interface RoleListener {

    void onRoleChange(RoleChange change);
}
