package io.siha.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.model.DesiredObjects;
import io.siha.operator.model.OperatorPodAnnotations;
import io.siha.operator.pair.PodAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/** Carries out the pod steps {@link io.siha.operator.pair.PairPlanner} decided, and records an Event for each. */
final class PodActionExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PodActionExecutor.class);

    private final Context<SiHaCluster> context;
    private final SiHaCluster cluster;
    private final EventRecorder events;
    private final Clock clock;

    PodActionExecutor(Context<SiHaCluster> context, SiHaCluster cluster, EventRecorder events, Clock clock) {
        this.context = context;
        this.cluster = cluster;
        this.events = events;
        this.clock = clock;
    }

    void execute(List<PodAction> actions, DesiredObjects desired) {
        for (PodAction action : actions) {
            if (action instanceof PodAction.CreatePod create) {
                createPod(desired.pod(create.index()), create.reason());
            } else if (action instanceof PodAction.DeletePod delete) {
                deletePod(delete.name(), delete.reason());
            } else if (action instanceof PodAction.RelabelPassive relabel) {
                edit(relabel.name(), pod -> {
                    pod.getMetadata().getLabels().put(SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE);
                    return pod;
                });
                events.warning(cluster, "DualActive", relabel.reason() + "; relabelled " + relabel.name()
                        + " passive");
            } else if (action instanceof PodAction.RequestStepDown stepDown) {
                edit(stepDown.name(), pod -> {
                    var annotations = new HashMap<>(pod.getMetadata().getAnnotations() == null
                            ? java.util.Map.<String, String>of() : pod.getMetadata().getAnnotations());
                    annotations.put(SiHaLabels.STEP_DOWN, stepDown.token());
                    annotations.put(OperatorPodAnnotations.STEP_DOWN_REQUESTED_AT, clock.instant().toString());
                    pod.getMetadata().setAnnotations(annotations);
                    return pod;
                });
                events.normal(cluster, "StepDownRequested", stepDown.reason());
            } else if (action instanceof PodAction.WithdrawStepDown withdraw) {
                edit(withdraw.name(), pod -> {
                    // Only the request it names: a rollout's or drain's written since stays.
                    if (pod.getMetadata().getAnnotations() != null
                            && withdraw.token().equals(pod.getMetadata().getAnnotations().get(SiHaLabels.STEP_DOWN))) {
                        var annotations = new HashMap<>(pod.getMetadata().getAnnotations());
                        annotations.remove(SiHaLabels.STEP_DOWN);
                        annotations.remove(OperatorPodAnnotations.STEP_DOWN_REQUESTED_AT);
                        pod.getMetadata().setAnnotations(annotations);
                    }
                    return pod;
                });
                events.normal(cluster, "StepDownWithdrawn", withdraw.reason());
            } else if (action instanceof PodAction.Wait wait) {
                LOG.debug("{}: {}", cluster.getMetadata().getName(), wait.reason());
            }
        }
    }

    private void createPod(Pod pod, String reason) {
        Pod created = context.getClient().resource(pod).create();
        WatchedResources.cacheWritten(context, Pod.class, created, null);
        boolean firstStart = cluster.getStatus() == null || cluster.getStatus().getObservedGeneration() == null;
        if (firstStart) {
            events.normal(cluster, "PodCreated", "created pod " + pod.getMetadata().getName());
        } else {
            events.normal(cluster, "PodRecreated", "recreated pod " + pod.getMetadata().getName() + ": " + reason);
        }
    }

    private void deletePod(String name, String reason) {
        try {
            pod(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
        boolean rolling = reason.startsWith("rolling update");
        if (rolling) {
            events.normal(cluster, "RollingUpdate", "deleting pod " + name + " to recreate it: " + reason);
        } else {
            events.warning(cluster, "PodReplaced", "deleting pod " + name + " to recreate it: " + reason);
        }
    }

    // JSON Patch of the one field changed: it does not collide with the node patching its own labels meanwhile.
    private void edit(String name, UnaryOperator<Pod> change) {
        Pod before = pod(name).get();
        if (before == null) {
            return;
        }
        Pod after = pod(name).edit(change);
        WatchedResources.cacheWritten(context, Pod.class, after, before);
    }

    private PodResource pod(String name) {
        return context.getClient().pods().inNamespace(cluster.getMetadata().getNamespace()).withName(name);
    }
}
