package io.siha.node.ha;

/** The latest snapshot does not fit the changed apps and the policy is to refuse: nothing is restored or lost. */
final class IncompatibleStateException extends Exception {

    IncompatibleStateException(long revision, StateFit fit) {
        super("snapshot revision " + revision + " does not fit the apps this node runs, which changed since: "
                + fit.describe() + ". Restore the changed elements, or set spec.persistence.onIncompatibleState: StartFresh"
                + " (SIHA_ON_INCOMPATIBLE_STATE=start-fresh) to start these apps empty");
    }
}
