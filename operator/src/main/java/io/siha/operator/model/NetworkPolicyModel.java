package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.siha.api.SiHaDefaults;
import io.siha.api.v1alpha1.IngestSpec;
import io.siha.api.v1alpha1.MonitoringSpec;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.ArrayList;
import java.util.List;

/**
 * NetworkPolicy NAME over the pair's pods: once a policy selects a pod, only what some policy allows reaches it, so
 * each port gets exactly the sources it needs.
 * <ul>
 * <li>sync: only the pair's pods. The sync handshake already proves a shared secret; this keeps everyone else from
 * even opening a connection to it.</li>
 * <li>REST (health, readiness, status, metrics): any pod in the namespace, and the peers of
 * {@code spec.monitoring.scrapeFrom} (e.g. Prometheus in a monitoring namespace). Kubelet probes come from the node,
 * which NetworkPolicy does not filter. Not wider by default, because policies add up: a user can widen it, but could
 * not narrow a wider rule of ours.</li>
 * <li>ingest (HTTP and binary, and the ports of the apps' HTTP sources, which take events as they do):
 * {@code spec.ingest.allowedFrom}, or anyone when it is unset (a rule without {@code from}).</li>
 * </ul>
 * Egress is not restricted: the nodes reach the databases, the API server and the sinks of the apps, which the
 * operator does not know.
 */
public final class NetworkPolicyModel {

    static final String INGRESS = "Ingress";
    private static final String TCP = "TCP";

    private NetworkPolicyModel() {
    }

    /** The policy of a pair whose apps have no HTTP source. */
    public static NetworkPolicy build(SiHaCluster cluster) {
        return build(cluster, SourcePorts.none());
    }

    public static NetworkPolicy build(SiHaCluster cluster, SourcePorts sourcePorts) {
        IngestSpec ingest = cluster.getSpec().getIngest();
        List<Integer> ingestPorts = new ArrayList<>(List.of(ingest.getHttpPort(), ingest.getBinaryPort()));
        ingestPorts.addAll(sourcePorts.numbers());
        LabelSelector pairPods = new LabelSelectorBuilder()
                .withMatchLabels(OwnedMetadata.selectorLabels(cluster)).build();
        return new NetworkPolicyBuilder()
                .withMetadata(OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).networkPolicy()))
                .withNewSpec()
                    .withPodSelector(pairPods)
                    .withPolicyTypes(INGRESS)
                    .withIngress(
                            rule(List.of(new NetworkPolicyPeerBuilder().withPodSelector(pairPods).build()),
                                    List.of(cluster.getSpec().getSync().getPort())),
                            rule(restPeers(cluster.getSpec().getMonitoring()), List.of(SiHaDefaults.REST_PORT)),
                            rule(ingest.getAllowedFrom(), ingestPorts))
                .endSpec()
                .build();
    }

    /** The pair's namespace (a pod selector selecting all), then whom {@code spec.monitoring.scrapeFrom} names. */
    private static List<NetworkPolicyPeer> restPeers(MonitoringSpec monitoring) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        peers.add(new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build());
        if (monitoring != null && monitoring.getScrapeFrom() != null) {
            peers.addAll(monitoring.getScrapeFrom());
        }
        return peers;
    }

    /** A rule admitting {@code from} (anyone when null) to the TCP {@code ports}. */
    private static NetworkPolicyIngressRule rule(List<NetworkPolicyPeer> from, List<Integer> ports) {
        // Anyone is an empty list, not null: the API server drops both from the JSON, so the object read back has an
        // empty list, and a null here would differ from it on every reconcile and rewrite the policy each time.
        List<NetworkPolicyPeer> peers = from == null ? List.of() : from;
        List<NetworkPolicyPort> tcpPorts = ports.stream()
                .map(port -> new NetworkPolicyPortBuilder().withProtocol(TCP).withPort(new IntOrString(port))
                        .build())
                .toList();
        return new NetworkPolicyIngressRuleBuilder().withFrom(peers).withPorts(tcpPorts).build();
    }
}
