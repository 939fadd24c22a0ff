package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The garbage collector the mock server lacks: a namespaced object all of whose owners (by owner reference: kind,
 * name and uid) are gone is deleted, in the background. Pods are deleted gracefully, so the kubelet stops their
 * processes first. It looks at the kinds the operator creates; Events are left alone (a cluster expires them by TTL,
 * they carry no owner references).
 */
final class GarbageCollector implements AutoCloseable {

    static final List<Class<? extends HasMetadata>> KINDS = List.of(Pod.class, Service.class, Secret.class,
            ConfigMap.class, ServiceAccount.class, Role.class, RoleBinding.class, PodDisruptionBudget.class);

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private static final long PERIOD_MS = 250;

    private final KubernetesClient client;
    private final String namespace;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "garbage-collector");
        t.setDaemon(true);
        return t;
    });

    GarbageCollector(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        thread.scheduleWithFixedDelay(this::collectOnce, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Every object of the collected kinds in the namespace. */
    List<HasMetadata> objects() {
        return KINDS.stream().<HasMetadata>flatMap(kind -> client.resources(kind).inNamespace(namespace).list()
                .getItems().stream()).toList();
    }

    private void collectOnce() {
        try {
            for (HasMetadata object : objects()) {
                List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
                if (object.getMetadata().getDeletionTimestamp() == null && owners != null && !owners.isEmpty()
                        && owners.stream().noneMatch(this::exists)) {
                    LOG.info("deleting {} {}: its owners are gone", object.getKind(), object.getMetadata().getName());
                    client.resource(object).delete();
                }
            }
        } catch (KubernetesClientException e) {
            LOG.warn("garbage collection pass failed: {}", e.getMessage());
        }
    }

    private boolean exists(OwnerReference owner) {
        GenericKubernetesResource found = client.genericKubernetesResources(owner.getApiVersion(), owner.getKind())
                .inNamespace(namespace).withName(owner.getName()).get();
        return found != null && owner.getUid().equals(found.getMetadata().getUid());
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
