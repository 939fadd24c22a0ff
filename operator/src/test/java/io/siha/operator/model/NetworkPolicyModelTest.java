package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.MonitoringSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPolicyModelTest {

    private final SiHaCluster cluster = TestClusters.persisted("orders");

    @Test
    void selectsThePairsPodsAndRestrictsOnlyIncomingTraffic() {
        NetworkPolicy policy = NetworkPolicyModel.build(cluster);
        assertThat(policy.getMetadata().getName()).isEqualTo("orders");
        assertThat(policy.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("uid-orders"));
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(Map.of(SiHaLabels.CLUSTER, "orders"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        assertThat(policy.getSpec().getIngress()).extracting(NetworkPolicyModelTest::ports)
                .containsExactly(List.of(9893), List.of(9090), List.of(8006, 9611));
    }

    @Test
    void theSyncPortIsReachableOnlyFromThePairsPods() {
        cluster.getSpec().getSync().setPort(9900);
        NetworkPolicyIngressRule sync = NetworkPolicyModel.build(cluster).getSpec().getIngress().get(0);
        assertThat(ports(sync)).containsExactly(9900);
        assertThat(sync.getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of(SiHaLabels.CLUSTER, "orders"));
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getIpBlock()).isNull();
        });
    }

    @Test
    void theRestPortIsReachableFromTheNamespaceOnly() {
        NetworkPolicyIngressRule rest = NetworkPolicyModel.build(cluster).getSpec().getIngress().get(1);
        assertThat(rest.getFrom()).singleElement().satisfies(peer -> {
            // An empty pod selector without a namespace selector: every pod of the policy's own namespace.
            assertThat(peer.getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(peer.getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(peer.getNamespaceSelector()).isNull();
        });
    }

    @Test
    void scrapeFromAddsItsPeersToTheRestPortAndNothingElse() {
        NetworkPolicy before = NetworkPolicyModel.build(cluster);
        // Prometheus pods in the monitoring namespace (both selectors in one peer: AND), and a scraper outside.
        List<NetworkPolicyPeer> scrapers = List.of(
                new NetworkPolicyPeerBuilder()
                        .withNewNamespaceSelector().withMatchLabels(Map.of("kubernetes.io/metadata.name", "monitoring"))
                        .endNamespaceSelector()
                        .withNewPodSelector().withMatchLabels(Map.of("app.kubernetes.io/name", "prometheus"))
                        .endPodSelector().build(),
                new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("192.168.7.0/24").endIpBlock().build());
        MonitoringSpec monitoring = new MonitoringSpec();
        monitoring.setScrapeFrom(scrapers);
        cluster.getSpec().setMonitoring(monitoring);

        NetworkPolicy after = NetworkPolicyModel.build(cluster);
        NetworkPolicyIngressRule rest = after.getSpec().getIngress().get(1);
        assertThat(ports(rest)).containsExactly(9090);
        assertThat(rest.getFrom()).hasSize(3);
        assertThat(rest.getFrom().get(0)).as("still every pod of the namespace")
                .isEqualTo(before.getSpec().getIngress().get(1).getFrom().get(0));
        assertThat(rest.getFrom().subList(1, 3)).isEqualTo(scrapers);
        // The sync and ingest rules are as they were.
        assertThat(after.getSpec().getIngress().get(0)).isEqualTo(before.getSpec().getIngress().get(0));
        assertThat(after.getSpec().getIngress().get(2)).isEqualTo(before.getSpec().getIngress().get(2));
        assertThat(Serialization.unmarshal(Serialization.asJson(after), NetworkPolicy.class)).isEqualTo(after);

        // A PodMonitor alone changes nothing here: Prometheus in the pair's namespace needs no rule.
        cluster.getSpec().setMonitoring(ObservabilitySpecs.monitoring("30s", null));
        assertThat(NetworkPolicyModel.build(cluster)).isEqualTo(before);
    }

    @Test
    void ingestIsOpenToAnyoneUnlessTheSpecNamesWhoMayReachIt() {
        assertThat(NetworkPolicyModel.build(cluster).getSpec().getIngress().get(2).getFrom()).isNullOrEmpty();

        List<NetworkPolicyPeer> allowed = List.of(
                new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                        .withMatchLabels(Map.of("kubernetes.io/metadata.name", "shop")).endNamespaceSelector().build(),
                new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("10.20.0.0/16").endIpBlock().build());
        cluster.getSpec().getIngest().setAllowedFrom(allowed);
        cluster.getSpec().getIngest().setHttpPort(8080);
        NetworkPolicyIngressRule ingest = NetworkPolicyModel.build(cluster).getSpec().getIngress().get(2);
        assertThat(ports(ingest)).containsExactly(8080, 9611);
        assertThat(ingest.getFrom()).isEqualTo(allowed);
    }

    @Test
    void theAppsSourcePortsAreAdmittedLikeTheIngestPorts() {
        List<NetworkPolicyPeer> allowed = List.of(new NetworkPolicyPeerBuilder().withNewIpBlock()
                .withCidr("10.20.0.0/16").endIpBlock().build());
        cluster.getSpec().getIngest().setAllowedFrom(allowed);
        NetworkPolicy policy = NetworkPolicyModel.build(cluster, new SourcePorts(new TreeSet<>(
                List.of(8280, 443))));

        assertThat(policy.getSpec().getIngress()).extracting(NetworkPolicyModelTest::ports)
                .containsExactly(List.of(9893), List.of(9090), List.of(8006, 9611, 443, 8280));
        assertThat(policy.getSpec().getIngress().get(2).getFrom()).isEqualTo(allowed);
    }

    /** The operator compares the live object with this one; any difference after a round trip would mean a rewrite. */
    @Test
    void readsBackFromJsonAsItWasBuilt() {
        for (List<NetworkPolicyPeer> allowed : java.util.Arrays.asList(null, List.of(new NetworkPolicyPeerBuilder()
                .withNewIpBlock().withCidr("10.0.0.0/8").endIpBlock().build()))) {
            cluster.getSpec().getIngest().setAllowedFrom(allowed);
            NetworkPolicy built = NetworkPolicyModel.build(cluster);
            assertThat(Serialization.unmarshal(Serialization.asJson(built), NetworkPolicy.class)).isEqualTo(built);
        }
    }

    private static List<Integer> ports(NetworkPolicyIngressRule rule) {
        rule.getPorts().forEach(port -> assertThat(port.getProtocol()).isEqualTo("TCP"));
        return rule.getPorts().stream().map(port -> port.getPort().getIntVal()).toList();
    }
}
