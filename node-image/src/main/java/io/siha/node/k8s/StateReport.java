package io.siha.node.k8s;

import java.util.Optional;

/**
 * What this node's last takeover found of the persisted state, published on its pod until the next takeover: a
 * snapshot it refused because the changed apps no longer fit it, or the apps it started empty for that reason. Unlike
 * {@link NodeTrouble} it stays on a passive, which is where a refused takeover leaves the node.
 */
public record StateReport(Optional<String> refused, Optional<String> discarded) {

    public static final StateReport NONE = new StateReport(Optional.empty(), Optional.empty());

    public static StateReport refused(String why) {
        return new StateReport(Optional.of(why), Optional.empty());
    }

    public static StateReport discarded(String what) {
        return new StateReport(Optional.empty(), Optional.of(what));
    }
}
