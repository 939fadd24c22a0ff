package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a pod's status the way the kubelet reports it: phase, pod IP, the container's state, restart count and last
 * termination, and the PodScheduled / Initialized / ContainersReady / Ready conditions. The whole status is replaced
 * through /status with a JSON Patch (a merge patch would append to the conditions list on the mock server).
 */
final class PodStatusWriter {

    /**
     * What the kubelet knows about the pod's one container at a moment.
     *
     * @param started         the container got through its startup probe
     * @param crashLoopBackOff not running, and waiting to be restarted after an exit
     * @param lastTermination how its previous run ended, if it ran before
     */
    record Observed(String podIp, Instant podStartedAt, String containerName, String image, boolean running,
                    Instant containerStartedAt, boolean started, boolean ready, boolean crashLoopBackOff,
                    int restartCount, Optional<Termination> lastTermination) {
    }

    /** How a container run ended: its exit code and termination message. */
    record Termination(int exitCode, String message, Instant finishedAt) {
    }

    private final KubernetesClient client;

    PodStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Writes the status; a pod already gone is left alone. A conflict (the node relabelled its pod between our read
     * and our patch) is retried on a fresh read, as the kubelet does.
     */
    void write(String namespace, String podName, Observed observed) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.pods().inNamespace(namespace).withName(podName).editStatus(pod -> {
                    pod.setStatus(status(observed));
                    return pod;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private static final int MAX_CONFLICT_RETRIES = 10;

    static PodStatus status(Observed o) {
        String ready = o.ready() ? "True" : "False";
        String now = Instant.now().toString();
        List<PodCondition> conditions = List.of(
                condition("PodScheduled", "True", o.podStartedAt().toString()),
                condition("Initialized", "True", o.podStartedAt().toString()),
                condition("ContainersReady", ready, now),
                condition("Ready", ready, now));
        ContainerStatusBuilder container = new ContainerStatusBuilder()
                .withName(o.containerName()).withImage(o.image()).withReady(o.ready())
                .withStarted(o.running() && o.started()).withRestartCount(o.restartCount());
        if (o.running()) {
            container.withNewState().withNewRunning().withStartedAt(o.containerStartedAt().toString()).endRunning()
                    .endState();
        } else if (o.crashLoopBackOff()) {
            container.withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off restarting failed container " + o.containerName()).endWaiting()
                    .endState();
        } else {
            container.withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState();
        }
        o.lastTermination().ifPresent(last -> container.withNewLastState().withNewTerminated()
                .withExitCode(last.exitCode()).withReason(last.exitCode() == 0 ? "Completed" : "Error")
                .withMessage(last.message().isEmpty() ? null : last.message())
                .withFinishedAt(last.finishedAt().toString()).endTerminated().endLastState());
        ContainerStatus containerStatus = container.build();
        return new PodStatusBuilder()
                .withPhase("Running")
                .withHostIP("127.0.0.1")
                .withPodIP(o.podIp())
                .withPodIPs(new PodIPBuilder().withIp(o.podIp()).build())
                .withStartTime(o.podStartedAt().toString())
                .withConditions(conditions)
                .withContainerStatuses(containerStatus)
                .build();
    }

    private static PodCondition condition(String type, String status, String time) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(time).build();
    }
}
