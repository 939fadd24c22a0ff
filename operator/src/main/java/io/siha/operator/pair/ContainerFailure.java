package io.siha.operator.pair;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A container of a node pod that the kubelet reports as failing: it exited with an error (and is being restarted, or
 * waits in CrashLoopBackOff to be), or it cannot be started at all (its image cannot be pulled, an env var refers to a
 * Secret key that does not exist, ...).
 *
 * @param exitCode present when the container ran and exited; empty when it could not be started
 * @param reason   the kubelet's reason: {@code Error}, {@code OOMKilled}, {@code CreateContainerConfigError}, ...
 * @param message  the termination message (the container log's tail, with {@code FallbackToLogsOnError}) or the
 *                 kubelet's message for a container it cannot start; empty when there is none
 */
public record ContainerFailure(String container, boolean init, String image, OptionalInt exitCode, String reason,
                               String message) {

    /** Waiting reasons of a container that is on its way, not failing. */
    private static final Set<String> STARTING = Set.of("ContainerCreating", "PodInitializing");
    /** Waiting reasons of an image that cannot be pulled; the two alternate while the kubelet backs off. */
    public static final Set<String> IMAGE_PULL = Set.of("ErrImagePull", "ImagePullBackOff");
    static final String CRASH_LOOP = "CrashLoopBackOff";

    /**
     * The failure the status of one container shows, if any. A container that is started again after an error still
     * counts as failing until it got through its startup probe ({@code started}), whether it is being created or
     * already runs: in a crash loop it runs for a moment before each exit, and the report must not come and go with
     * it.
     */
    static Optional<ContainerFailure> of(ContainerStatus status, boolean init) {
        var state = status.getState();
        ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
        if (state == null) {
            return Optional.empty();
        }
        if (state.getTerminated() != null) {
            return failedExit(status, init, state.getTerminated());
        }
        if (state.getWaiting() != null) {
            String reason = state.getWaiting().getReason();
            if (reason == null || STARTING.contains(reason)) {
                return last == null ? Optional.empty() : failedExit(status, init, last);
            }
            if (CRASH_LOOP.equals(reason) && last != null) {
                return failedExit(status, init, last);
            }
            return Optional.of(new ContainerFailure(status.getName(), init, status.getImage(), OptionalInt.empty(),
                    reason, orEmpty(state.getWaiting().getMessage())));
        }
        if (state.getRunning() != null && !Boolean.TRUE.equals(status.getStarted()) && last != null) {
            return failedExit(status, init, last);
        }
        return Optional.empty();
    }

    private static Optional<ContainerFailure> failedExit(ContainerStatus status, boolean init,
                                                         ContainerStateTerminated terminated) {
        Integer code = terminated.getExitCode();
        if (code == null || code == 0) {
            return Optional.empty();
        }
        return Optional.of(new ContainerFailure(status.getName(), init, status.getImage(), OptionalInt.of(code),
                orEmpty(terminated.getReason()), orEmpty(terminated.getMessage())));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
