package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.siha.api.SiHaLabels;
import io.siha.operator.model.DbSecretModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Plays everyone but the operator around one SiHaCluster: the kubelet (pod phase, Ready), the nodes (role labels) and a
 * careless user who edits the operator's objects. Each kind of change makes the operator use one more of its
 * permissions: relabel a pod, replace a failed one, put each owned object back.
 */
final class PairTamperer {

    private static final String INTRUDER_BASE64 = "aW50cnVkZXI="; // "intruder"

    private final KubernetesClient client;
    private final String namespace;
    private final String cluster;

    PairTamperer(KubernetesClient client, String namespace, String cluster) {
        this.client = client;
        this.namespace = namespace;
        this.cluster = cluster;
    }

    String pod(int index) {
        return cluster + "-" + index;
    }

    PodResource podResource(int index) {
        return client.pods().inNamespace(namespace).withName(pod(index));
    }

    /** The kubelet runs the pod and the node on it says it is active with {@code epoch}. */
    void runActive(int index, long epoch) {
        podResource(index).editStatus(pod -> withStatus(pod, "Running", true));
        podResource(index).edit(pod -> {
            pod.getMetadata().getLabels().put(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);
            Map<String, String> annotations = new HashMap<>(pod.getMetadata().getAnnotations() == null
                    ? Map.of() : pod.getMetadata().getAnnotations());
            annotations.put(SiHaLabels.EPOCH, Long.toString(epoch));
            pod.getMetadata().setAnnotations(annotations);
            return pod;
        });
    }

    void fail(int index) {
        podResource(index).editStatus(pod -> withStatus(pod, "Failed", false));
    }

    /** Changes a field the operator owns on each object it writes with update (not pods: those it patches). */
    void editOwnedObjects() {
        edit(Secret.class, cluster + "-db", secret -> {
            secret.getData().put(DbSecretModel.USER_KEY, INTRUDER_BASE64);
            return secret;
        });
        edit(ConfigMap.class, cluster + "-apps", configMap -> {
            configMap.getData().put("intruder.siddhi", "@app:name('Intruder')");
            return configMap;
        });
        edit(Service.class, cluster, service -> {
            service.getSpec().getSelector().put("intruder", "true");
            return service;
        });
        edit(PodDisruptionBudget.class, cluster, budget -> {
            budget.getSpec().setMinAvailable(new IntOrString(0));
            return budget;
        });
        edit(Role.class, cluster + "-node", role -> {
            role.setRules(List.of());
            return role;
        });
        edit(RoleBinding.class, cluster + "-node", binding -> {
            binding.setSubjects(List.of());
            return binding;
        });
        edit(ServiceAccount.class, cluster + "-node", account -> {
            account.getMetadata().getLabels().put("app.kubernetes.io/managed-by", "intruder");
            return account;
        });
        edit(NetworkPolicy.class, cluster, policy -> {
            policy.getSpec().setIngress(List.of());
            return policy;
        });
    }

    /** True once the operator has put back every change of {@link #editOwnedObjects()}. */
    boolean ownedObjectsRestored() {
        return !get(Secret.class, cluster + "-db").getData().get(DbSecretModel.USER_KEY).equals(INTRUDER_BASE64)
                && !get(ConfigMap.class, cluster + "-apps").getData().containsKey("intruder.siddhi")
                && !get(Service.class, cluster).getSpec().getSelector().containsKey("intruder")
                && get(PodDisruptionBudget.class, cluster).getSpec().getMinAvailable().getIntVal() != 0
                && !get(Role.class, cluster + "-node").getRules().isEmpty()
                && !get(RoleBinding.class, cluster + "-node").getSubjects().isEmpty()
                && !"intruder".equals(get(ServiceAccount.class, cluster + "-node").getMetadata().getLabels()
                        .get("app.kubernetes.io/managed-by"))
                && !get(NetworkPolicy.class, cluster).getSpec().getIngress().isEmpty();
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void edit(Class<T> kind, String name,
                                                                            UnaryOperator<T> change) {
        client.resources(kind).inNamespace(namespace).withName(name).edit(change);
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T get(Class<T> kind, String name) {
        return client.resources(kind).inNamespace(namespace).withName(name).get();
    }

    private static Pod withStatus(Pod pod, String phase, boolean ready) {
        PodStatus status = pod.getStatus() != null ? pod.getStatus() : new PodStatus();
        status.setPhase(phase);
        status.setPodIP("10.0.0." + (pod.getMetadata().getName().endsWith("0") ? 10 : 11));
        status.setConditions(List.of(new PodConditionBuilder().withType("Ready")
                .withStatus(ready ? "True" : "False").build()));
        pod.setStatus(status);
        return pod;
    }
}
