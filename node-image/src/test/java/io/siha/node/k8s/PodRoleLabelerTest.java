package io.siha.node.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.siha.api.SiHaLabels;
import io.siha.node.cluster.LeaseStore;
import io.siha.node.cluster.RoleChange;
import io.siha.node.config.HeartbeatSettings;
import io.siha.node.config.PodIdentity;
import io.siha.node.testing.Contender;
import io.siha.node.testing.FreePort;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The node labels its own pod, against the Fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class PodRoleLabelerTest {

    private static final HeartbeatSettings FAST = new HeartbeatSettings(200, 2);

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aPodLeftLabelledActiveByACrashedProcessIsLabelledPassiveAtStart() {
        PodIdentity pod = createPod("restarted-0", SiHaLabels.ROLE_ACTIVE);
        try (RolePublisher publisher = RolePublishers.forPod(client, pod)) {
            assertThat(publisher.publishPassiveAtStart(5_000)).isTrue();
            assertThat(labels(pod)).containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE)
                    .containsEntry(SiHaLabels.CLUSTER, "restarted");
        }
    }

    @Test
    void roleChangesReachThePodInOrderWithTheEpoch() {
        PodIdentity pod = createPod("pair-0", null);
        try (RolePublisher publisher = RolePublishers.forPod(client, pod)) {
            publisher.publishPassiveAtStart(5_000);
            publisher.onRoleChange(new RoleChange.BecameActive(7));
            await().atMost(Duration.ofSeconds(5)).until(() -> SiHaLabels.ROLE_ACTIVE.equals(labels(pod).get(SiHaLabels.ROLE)));
            assertThat(annotations(pod)).containsEntry(SiHaLabels.EPOCH, "7");

            publisher.onRoleChange(new RoleChange.BecamePassive(7, RoleChange.Reason.LEASE_LOST, "test"));
            publisher.onRoleChange(new RoleChange.BecameActive(9));
            publisher.onRoleChange(new RoleChange.BecamePassive(9, RoleChange.Reason.RELEASED, "test"));
            await().atMost(Duration.ofSeconds(5)).until(() -> "9".equals(annotations(pod).get(SiHaLabels.EPOCH))
                    && SiHaLabels.ROLE_PASSIVE.equals(labels(pod).get(SiHaLabels.ROLE)));
            // The last wanted state wins and stays: nothing older is written after it.
            sleep(300);
            assertThat(labels(pod)).containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE);
        }
    }

    @Test
    void troubleWhileActiveIsAnnotatedOnThePodAndRemovedWhenItIsOver() {
        PodIdentity pod = createPod("trouble-0", null);
        try (RolePublisher publisher = RolePublishers.forPod(client, pod)) {
            publisher.publishPassiveAtStart(5_000);
            publisher.onRoleChange(new RoleChange.BecameActive(4));
            Instant since = Instant.parse("2026-12-01T10:00:00Z");
            publisher.publishTrouble(new NodeTrouble(Optional.of(since),
                    Optional.of("the apps' state outgrows this node's \"memory\"")));
            await().atMost(Duration.ofSeconds(5)).until(() -> annotations(pod)
                    .containsKey(SiHaLabels.REFUSING_EVENTS));
            assertThat(annotations(pod)).containsEntry(SiHaLabels.SNAPSHOTS_FAILING_SINCE, since.toString())
                    .containsEntry(SiHaLabels.REFUSING_EVENTS, "the apps' state outgrows this node's \"memory\"")
                    .containsEntry(SiHaLabels.EPOCH, "4");
            assertThat(labels(pod)).containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);

            publisher.publishTrouble(NodeTrouble.NONE);
            // A real API server removes a key merge-patched to null; the mock server keeps it with a null value. Either
            // reads as absent (NodePodView too).
            await().atMost(Duration.ofSeconds(5)).until(() -> annotations(pod).get(SiHaLabels.SNAPSHOTS_FAILING_SINCE)
                    == null && annotations(pod).get(SiHaLabels.REFUSING_EVENTS) == null);
            assertThat(annotations(pod)).containsEntry(SiHaLabels.EPOCH, "4");
        }
    }

    @Test
    void aRefusedSnapshotStaysOnThePassivePodUntilTheNextTakeoverAndTroubleDoesNotClearIt() {
        PodIdentity pod = createPod("refused-0", null);
        try (RolePublisher publisher = RolePublishers.forPod(client, pod)) {
            publisher.publishPassiveAtStart(5_000);
            publisher.publishStateReport(StateReport.refused("app 'Counter': table Totals was (a), is (a, b)"));
            publisher.publishTrouble(NodeTrouble.NONE); // what becoming passive publishes
            await().atMost(Duration.ofSeconds(5)).until(() -> annotations(pod)
                    .containsKey(SiHaLabels.INCOMPATIBLE_STATE));
            sleep(200);
            assertThat(annotations(pod))
                    .containsEntry(SiHaLabels.INCOMPATIBLE_STATE, "app 'Counter': table Totals was (a), is (a, b)");
            assertThat(labels(pod)).containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE);

            publisher.publishStateReport(StateReport.discarded("app 'Counter' started empty"));
            await().atMost(Duration.ofSeconds(5)).until(() -> annotations(pod).get(SiHaLabels.INCOMPATIBLE_STATE)
                    == null && "app 'Counter' started empty".equals(annotations(pod).get(SiHaLabels.DISCARDED_STATE)));
        }
    }

    @Test
    void aPodThatAppearsLateIsLabelledOnceItExists() {
        PodIdentity pod = new PodIdentity("late-0", client.getNamespace());
        try (RolePublisher publisher = RolePublishers.forPod(client, pod)) {
            assertThat(publisher.publishPassiveAtStart(300)).as("no pod yet: not confirmed").isFalse();
            publisher.onRoleChange(new RoleChange.BecameActive(3));
            createPod("late-0", null);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> SiHaLabels.ROLE_ACTIVE.equals(labels(pod).get(SiHaLabels.ROLE)));
            assertThat(annotations(pod)).containsEntry(SiHaLabels.EPOCH, "3");
        }
    }

    @Test
    void anUnreachableApiServerDelaysNeitherTheStartBeyondItsTimeoutNorTheElection() throws Exception {
        TestDatabase db = TestDatabase.shared();
        String group = "labels-dead-api";
        new LeaseStore(db.dataSource(), group).ensureSchema();
        try (KubernetesClient dead = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client
                     .ConfigBuilder().withMasterUrl("http://127.0.0.1:" + FreePort.find())
                     .withRequestRetryBackoffLimit(0).build()).build();
             RolePublisher publisher = RolePublishers.forPod(dead, new PodIdentity("x-0", "test"))) {
            long start = System.nanoTime();
            assertThat(publisher.publishPassiveAtStart(500)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

            try (Contender node = new Contender(db, group, "x-0", FAST, publisher).start()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> node.activeEpoch().isPresent());
            }
        }
    }

    private PodIdentity createPod(String name, String role) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name)
                .addToLabels(SiHaLabels.CLUSTER, name.substring(0, name.lastIndexOf('-'))).endMetadata()
                .withNewSpec().addNewContainer().withName("node").withImage("si-ha-node").endContainer().endSpec();
        if (role != null) {
            pod.editMetadata().addToLabels(SiHaLabels.ROLE, role).endMetadata();
        }
        client.pods().resource(pod.build()).create();
        return new PodIdentity(name, client.getNamespace());
    }

    private Map<String, String> labels(PodIdentity pod) {
        Pod current = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
        return current == null || current.getMetadata().getLabels() == null ? Map.of()
                : current.getMetadata().getLabels();
    }

    private Map<String, String> annotations(PodIdentity pod) {
        Pod current = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
        return current == null || current.getMetadata().getAnnotations() == null ? Map.of()
                : current.getMetadata().getAnnotations();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
