package io.siha.node.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.siha.api.SiHaLabels;
import io.siha.node.config.PodIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Watches this node's own pod for the operator's step-down request (annotation {@code siha.io/step-down}) and
 * runs the handover once per new value. The value present when the node starts was meant for an earlier
 * process of this pod and is not acted on again.
 */
public final class StepDownWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StepDownWatch.class);

    private final SharedIndexInformer<Pod> informer;
    private String seen;
    private boolean first = true;

    private StepDownWatch(KubernetesClient client, PodIdentity pod, Runnable handOver) {
        this.informer = client.pods().inNamespace(pod.namespace()).withName(pod.name())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod added) {
                        check(added, handOver);
                    }

                    @Override
                    public void onUpdate(Pod before, Pod after) {
                        check(after, handOver);
                    }

                    @Override
                    public void onDelete(Pod deleted, boolean unknownFinalState) {
                        // The pod is going away; the kubelet's SIGTERM triggers the handover.
                    }
                });
    }

    /** Starts watching; the informer re-lists and re-watches by itself when the API server is away. */
    public static StepDownWatch start(KubernetesClient client, PodIdentity pod, Runnable handOver) {
        return new StepDownWatch(client, pod, handOver);
    }

    private synchronized void check(Pod pod, Runnable handOver) {
        String value = pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get(SiHaLabels.STEP_DOWN);
        if (first) {
            first = false;
            seen = value;
            return;
        }
        if (value != null && !Objects.equals(value, seen)) {
            seen = value;
            log.info("step-down requested ({}={}): handing over", SiHaLabels.STEP_DOWN, value);
            handOver.run();
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
