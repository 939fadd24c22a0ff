package io.siha.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.siha.operator.model.NodeServiceAccountModel;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * For each owned kind, the fields the operator decides: copied from the desired object onto the live one before they
 * are compared, and before the desired labels and annotations are merged into the live ones. Fields the API server or other controllers fill in (a Service's clusterIP and nodePorts, a RoleBinding's
 * immutable roleRef) are left as they are, so a reconcile of an unchanged spec writes nothing.
 */
@FunctionalInterface
interface OwnedContent<T extends HasMetadata> {

    void copy(T desired, T live);

    OwnedContent<Secret> SECRET = (desired, live) -> live.setData(desired.getData());
    OwnedContent<ConfigMap> CONFIG_MAP = (desired, live) -> live.setData(desired.getData());
    /** Before the metadata merge: the annotations an earlier spec set go, so that the merge puts back the current. */
    OwnedContent<ServiceAccount> SERVICE_ACCOUNT = (desired, live) ->
            NodeServiceAccountModel.withoutFormerSpecAnnotations(live);
    OwnedContent<Role> ROLE = (desired, live) -> live.setRules(desired.getRules());
    OwnedContent<RoleBinding> ROLE_BINDING = (desired, live) -> live.setSubjects(desired.getSubjects());
    OwnedContent<PodDisruptionBudget> POD_DISRUPTION_BUDGET = (desired, live) -> {
        live.getSpec().setMinAvailable(desired.getSpec().getMinAvailable());
        live.getSpec().setSelector(desired.getSpec().getSelector());
        live.getSpec().setUnhealthyPodEvictionPolicy(desired.getSpec().getUnhealthyPodEvictionPolicy());
    };
    OwnedContent<NetworkPolicy> NETWORK_POLICY = (desired, live) -> live.setSpec(desired.getSpec());
    OwnedContent<PodMonitor> POD_MONITOR = (desired, live) -> live.setSpec(desired.getSpec());
    OwnedContent<Service> SERVICE = (desired, live) -> {
        live.getSpec().setType(desired.getSpec().getType());
        live.getSpec().setSelector(desired.getSpec().getSelector());
        live.getSpec().setPublishNotReadyAddresses(desired.getSpec().getPublishNotReadyAddresses());
        live.getSpec().setLoadBalancerSourceRanges(desired.getSpec().getLoadBalancerSourceRanges());
        // loadBalancerClass is left as created: Kubernetes refuses to change it.
        boolean hasNodePorts = !"ClusterIP".equals(desired.getSpec().getType());
        live.getSpec().setPorts(hasNodePorts
                ? keepingNodePorts(desired.getSpec().getPorts(), live.getSpec().getPorts())
                : desired.getSpec().getPorts());
    };

    /** A NodePort/LoadBalancer Service keeps the node ports the server assigned; clients may be configured with them. */
    private static List<ServicePort> keepingNodePorts(List<ServicePort> desired, List<ServicePort> live) {
        Map<String, Integer> assigned = live == null ? Map.of() : live.stream()
                .filter(p -> p.getName() != null && p.getNodePort() != null)
                .collect(Collectors.toMap(ServicePort::getName, ServicePort::getNodePort, (a, b) -> a));
        return desired.stream().map(port -> {
            ServicePort copy = new io.fabric8.kubernetes.api.model.ServicePortBuilder(port).build();
            if (copy.getNodePort() == null && assigned.containsKey(port.getName())) {
                copy.setNodePort(assigned.get(port.getName()));
            }
            return copy;
        }).toList();
    }
}
