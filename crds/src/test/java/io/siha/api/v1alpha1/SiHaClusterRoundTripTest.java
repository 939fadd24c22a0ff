package io.siha.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java model holds every field of a SiHaCluster: reading a manifest and writing it back gives the same manifest.
 * A field the model lacks or misnames would be dropped on reading and so fail the comparison.
 */
class SiHaClusterRoundTripTest {

    private static SiHaCluster readFullSample() {
        return Serialization.unmarshal(Samples.text(Samples.FULL), SiHaCluster.class);
    }

    @Test
    void yamlToModelToYamlKeepsEveryField() {
        String writtenBack = Serialization.asYaml(readFullSample());

        assertThat(JsonTrees.of(Serialization.unmarshal(writtenBack, SiHaCluster.class)))
                .isEqualTo(JsonTrees.of(readFullSample()));
        assertThat(JsonTrees.parse(writtenBack)).isEqualTo(Samples.tree(Samples.FULL));
    }

    @Test
    void specFieldsReachTheirAccessors() {
        SiHaClusterSpec spec = readFullSample().getSpec();

        assertThat(spec.getImage()).isEqualTo("registry.example.com/si-ha-node:0.1.0");
        assertThat(spec.getApps().getInline()).extracting(InlineSiddhiApp::getName)
                .containsExactly("order-totals", "fraud.rules_v2");
        assertThat(spec.getApps().getInline().get(0).getSiddhi()).startsWith("@App:name('OrderTotals')\n");
        assertThat(spec.getApps().getConfigMapName()).isNull();
        assertThat(spec.getDatabase().getClusterJdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/siha_cluster");
        assertThat(spec.getDatabase().getPersistenceJdbcUrl()).endsWith("/siha_state?sslmode=require");
        assertThat(spec.getDatabase().getUser()).isEqualTo("siha");
        assertThat(spec.getDatabase().getPasswordSecretRef().getName()).isEqualTo("postgres-credentials");
        assertThat(spec.getDatabase().getPasswordSecretRef().getKey()).isEqualTo("db-password");
        assertThat(spec.getHeartbeat().getIntervalMs()).isEqualTo(500);
        assertThat(spec.getHeartbeat().getMaxRetries()).isEqualTo(3);
        assertThat(spec.getPersistence().getIntervalMs()).isEqualTo(30_000);
        assertThat(spec.getPersistence().getRevisionsToKeep()).isEqualTo(5);
        assertThat(spec.getStandby()).isEqualTo(StandbyMode.HOT);
        assertThat(spec.getSync().getPort()).isEqualTo(9900);
        assertThat(spec.getSync().isAckAfterPassive()).isFalse();
        assertThat(spec.getSync().getQueueCapacity()).isEqualTo(250_000);
        assertThat(spec.getIngest().getHttpPort()).isEqualTo(8080);
        assertThat(spec.getIngest().getBinaryPort()).isEqualTo(9700);
        assertThat(spec.getIngest().getAuthTokenSecretRef().getName()).isEqualTo("orders-ingest");
        assertThat(spec.getIngest().getAuthTokenSecretRef().getKey()).isEqualTo("bearer-token");
        assertThat(spec.getIngest().getAllowedFrom()).hasSize(2);
        assertThat(spec.getIngest().getAllowedFrom().get(0).getPodSelector().getMatchLabels())
                .containsEntry("app", "checkout");
        assertThat(spec.getIngest().getAllowedFrom().get(1).getIpBlock().getCidr()).isEqualTo("10.20.0.0/16");
        assertThat(spec.getService().getType()).isEqualTo(ServiceType.LOAD_BALANCER);
        assertThat(spec.getService().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        assertThat(spec.getPod().getResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
        assertThat(spec.getPod().getNodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
        assertThat(spec.getPod().getTolerations()).singleElement()
                .satisfies(toleration -> assertThat(toleration.getValue()).isEqualTo("streaming"));
        assertThat(spec.getPod().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
        assertThat(spec.getTls().getSync().getSecretName()).isEqualTo("orders-sync-tls");
        assertThat(spec.getTls().getIngest().getSecretName()).isEqualTo("orders-ingest-tls");
    }

    @Test
    void statusFieldsReachTheirAccessors() {
        SiHaClusterStatus status = readFullSample().getStatus();

        assertThat(status.getPhase()).isEqualTo(SiHaClusterPhase.RUNNING);
        assertThat(status.getActivePod()).isEqualTo("orders-1");
        assertThat(status.getPassivePod()).isEqualTo("orders-0");
        assertThat(status.getEpoch()).isEqualTo(7L);
        assertThat(status.getLastFailoverTime()).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(status.getFailoverCount()).isEqualTo(2);
        assertThat(status.getConditions()).singleElement()
                .satisfies(condition -> assertThat(condition.getType()).isEqualTo("Ready"));
        assertThat(status.getObservedGeneration()).isEqualTo(4L);
    }

    @Test
    void writesEnumsInKubernetesSpelling() {
        SiHaCluster cluster = readFullSample();
        cluster.getSpec().getService().setType(ServiceType.NODE_PORT);
        cluster.getStatus().setPhase(SiHaClusterPhase.DEGRADED);

        String yaml = Serialization.asYaml(cluster);

        assertThat(yaml).contains("type: \"NodePort\"", "phase: \"Degraded\"");
    }
}
