package io.siha.operator.pair;

/** One step the operator takes on the pair's pods; {@link PairPlanner} decides, the reconciler carries it out. */
public sealed interface PodAction {

    /** Why, in words: logged, and shown in the status while the pair waits on it. */
    String reason();

    /** Create pod {@code index} (it joins as passive; the node labels itself). */
    record CreatePod(int index, String reason) implements PodAction {
    }

    /** Delete a pod so that it is created again from the current template. */
    record DeletePod(String name, String reason) implements PodAction {
    }

    /** Relabel a pod passive: two pods said active, this one has the older epoch. */
    record RelabelPassive(String name, String reason) implements PodAction {
    }

    /**
     * Ask the active node for a planned handover: before its pod is replaced, before its node is drained, or because
     * the spec asks for a switchover. The node acts once per new {@code token}; {@code reason} says why, in words.
     */
    record RequestStepDown(String name, String token, String reason) implements PodAction {
    }

    /**
     * Take back a step-down request the node has not acted on: a switchover reported as timed out must not happen
     * later (say, once the node's watch of its pod is back), when the status says it failed.
     */
    record WithdrawStepDown(String name, String token, String reason) implements PodAction {
    }

    /** Nothing to do now; the rollout continues when a pod changes. The reason is logged and shown in the status. */
    record Wait(String reason) implements PodAction {
    }
}
