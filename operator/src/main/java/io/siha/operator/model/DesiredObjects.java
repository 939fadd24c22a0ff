package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.Optional;

/**
 * Every object one SiHaCluster should own, built from its spec and the resolved references; an empty optional is an
 * object the spec does not ask for (the load-balancer Service, the PodMonitor), which the reconciler deletes if it
 * exists.
 */
public record DesiredObjects(SiHaCluster cluster, Secret dbSecret, ConfigMap apps, ServiceAccount serviceAccount,
                             Role role, RoleBinding roleBinding, Service service,
                             Optional<Service> loadBalancerService,
                             PodDisruptionBudget podDisruptionBudget, NetworkPolicy networkPolicy,
                             Optional<PodMonitor> podMonitor, SourcePorts sourcePorts, String podTemplateHash) {

    public static DesiredObjects of(SiHaCluster cluster, ResolvedInputs inputs, String syncSecretBase64) {
        Secret dbSecret = DbSecretModel.build(cluster, inputs.passwordBase64(), syncSecretBase64,
                inputs.ingestTokenBase64());
        ConfigMap apps = AppsConfigMapModel.build(cluster, inputs.apps());
        return new DesiredObjects(cluster, dbSecret, apps,
                NodeServiceAccountModel.build(cluster),
                NodeRoleModel.build(cluster),
                NodeRoleBindingModel.build(cluster),
                IngestServiceModel.build(cluster, inputs.sourcePorts()),
                LoadBalancerServiceModel.build(cluster, inputs.sourcePorts()),
                PodDisruptionBudgetModel.build(cluster),
                NetworkPolicyModel.build(cluster, inputs.sourcePorts()),
                PodMonitorModel.build(cluster),
                inputs.sourcePorts(),
                PodTemplateHash.of(NodePodModel.podSpec(cluster, inputs.sourcePorts()), dbSecret, apps,
                        inputs.tlsFiles(), UserPodParts.hashedMetadata(cluster.getSpec().getPod())));
    }

    public Pod pod(int index) {
        return NodePodModel.build(cluster, sourcePorts, index, podTemplateHash);
    }
}
