package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.siha.api.NodeEnv;
import io.siha.api.SiHaDefaults;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.operator.model.IngestServiceModel;
import io.siha.operator.model.OperatorPodAnnotations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator and two real node processes on the mock Kubernetes, this test playing kubelet, kube-proxy and the
 * garbage collector. Each test applies its own SiHaCluster of the sample Counter app and ends by checking that the
 * app counted exactly the events that were acknowledged through the Service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairOnKubernetesTest {

    /** The spec's heartbeat for most tests: 200 ms x 2 retries, a 600 ms lease, to keep the suite fast. */
    private static final long FAST_HEARTBEAT_MS = 200;

    private MockCluster kube;
    private TestScope scope;

    @BeforeAll
    void startKubernetes() throws Exception {
        kube = new MockCluster(getClass().getSimpleName());
        scope = new TestScope(kube);
    }

    @AfterEach
    void deleteClusters() throws Exception {
        scope.end();
    }

    @AfterAll
    void stopKubernetes() {
        if (kube != null) {
            kube.close();
        }
    }

    @Test
    void appliedClusterRunsActiveAndPassiveBehindItsService() throws Exception {
        String name = apply("orders", FAST_HEARTBEAT_MS);
        RunningPair pair = awaitPair(name);

        SiHaClusterStatus status = kube.cluster(name).orElseThrow().getStatus();
        assertThat(status.getPhase()).isEqualTo(SiHaClusterPhase.RUNNING);
        assertThat(status.getEpoch()).isPositive();
        assertThat(status.getFailoverCount()).isZero();
        // The role label and epoch annotation are written by the nodes themselves, through the mock API server.
        Pod active = kube.pod(pair.active()).orElseThrow();
        Pod passive = kube.pod(pair.passive()).orElseThrow();
        assertThat(active.getMetadata().getLabels()).containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);
        assertThat(active.getMetadata().getAnnotations()).containsEntry(SiHaLabels.EPOCH,
                String.valueOf(status.getEpoch()));
        assertThat(passive.getMetadata().getLabels()).containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE);
        assertThat(active.getStatus().getPodIP()).startsWith("127.0.0.").isNotEqualTo(passive.getStatus().getPodIP());
        assertThat(kube.services().readyEndpoints(name, IngestServiceModel.HTTP_PORT_NAME))
                .extracting(ServiceResolver.Endpoint::podName).containsExactly(pair.active());

        CountingTraffic traffic = traffic(name);
        traffic.send(300);
        assertThat(traffic.counted()).isEqualTo(traffic.acknowledged()).isEqualTo(300);
    }

    @Test
    void serviceFollowsTheNewActiveAfterEachSigkill() throws Exception {
        String name = apply("payments", FAST_HEARTBEAT_MS);
        RunningPair pair = awaitPair(name);
        CountingTraffic traffic = traffic(name);
        traffic.send(100);
        traffic.startInBackground();
        EndpointSampler endpoints = endpointSampler(name);

        List<FailoverTimings.Run> killToService = new ArrayList<>();
        for (int kill = 1; kill <= 5; kill++) {
            String killed = pair.active();
            String survivor = pair.passive();
            int restartsBefore = restartCount(killed);

            killToService.add(killAndTimeServiceSwitch(name, killed, survivor));
            int failovers = kill;
            await("failover " + kill + " in the status").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                SiHaClusterStatus status = kube.cluster(name).orElseThrow().getStatus();
                assertThat(status.getActivePod()).isEqualTo(survivor);
                assertThat(status.getFailoverCount()).isEqualTo(failovers);
            });
            // The kubelet restarted the killed container; its node rejoined as passive and the pair is whole again.
            pair = awaitPair(name);
            assertThat(pair).isEqualTo(new RunningPair(survivor, killed, pair.epoch()));
            assertThat(restartCount(killed)).isEqualTo(restartsBefore + 1);
        }
        traffic.stop();
        endpoints.close();

        FailoverTimings.report("heartbeat " + FAST_HEARTBEAT_MS + " ms x 2", killToService);
        assertThat(endpoints.splits()).as("samples with two ready endpoints").isEmpty();
        assertThat(traffic.acknowledged()).isGreaterThan(100);
        assertThat(traffic.counted()).isEqualTo(traffic.acknowledged());
    }

    @Test
    void sigkilledPassiveIsRestartedAndRejoinsWhileTheActiveKeepsTheService() throws Exception {
        String name = apply("returns", FAST_HEARTBEAT_MS);
        RunningPair pair = awaitPair(name);
        CountingTraffic traffic = traffic(name);
        traffic.send(100);
        traffic.startInBackground();

        kube.kubelet().killContainer(pair.passive());
        await("passive restarted").atMost(Duration.ofSeconds(10)).until(() -> restartCount(pair.passive()) == 1);
        // Meanwhile the active runs degraded: acknowledgements wait for snapshots, and the Service stays on it.
        assertThat(readyPods(name)).containsExactly(pair.active());
        RunningPair after = awaitPair(name);
        traffic.stop();

        assertThat(after).isEqualTo(pair);
        assertThat(kube.cluster(name).orElseThrow().getStatus().getFailoverCount()).isZero();
        assertThat(traffic.acknowledged()).isGreaterThan(100);
        assertThat(traffic.counted()).isEqualTo(traffic.acknowledged());
    }

    @Test
    void serviceFollowsTheNewActiveAtTheDefaultHeartbeat() throws Exception {
        String name = apply("audit", SiHaDefaults.HEARTBEAT_INTERVAL_MS);
        RunningPair pair = awaitPair(name);
        CountingTraffic traffic = traffic(name);
        traffic.startInBackground();

        FailoverTimings.Run run = killAndTimeServiceSwitch(name, pair.active(), pair.passive());
        await("failover in the status").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(kube.cluster(name).orElseThrow().getStatus().getFailoverCount()).isEqualTo(1));
        awaitPair(name);
        traffic.stop();

        FailoverTimings.report("heartbeat " + SiHaDefaults.HEARTBEAT_INTERVAL_MS + " ms x 2 (default)",
                List.of(run));
        assertThat(traffic.counted()).isEqualTo(traffic.acknowledged());
    }

    @Test
    void deletedActivePodHandsOverAndComesBackPassive() throws Exception {
        String name = apply("invoices", FAST_HEARTBEAT_MS);
        RunningPair pair = awaitPair(name);
        CountingTraffic traffic = traffic(name);
        traffic.send(100);
        traffic.startInBackground();
        EndpointSampler endpoints = endpointSampler(name);
        Pod deleted = kube.pod(pair.active()).orElseThrow();
        String deletedUid = deleted.getMetadata().getUid();

        kube.deletePod(pair.active());
        // SIGTERM makes the active hand over; the pod object stays, Terminating, until its process has exited.
        assertThat(kube.pod(pair.active())).hasValueSatisfying(p ->
                assertThat(p.getMetadata().getDeletionTimestamp()).isNotNull());
        await("Service follows the handover").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> readyPods(name).equals(List.of(pair.passive())));
        await("pod " + pair.active() + " recreated").atMost(Duration.ofSeconds(30)).until(() ->
                kube.pod(pair.active()).filter(p -> !p.getMetadata().getUid().equals(deletedUid)).isPresent());
        RunningPair after = awaitPair(name);
        traffic.stop();
        endpoints.close();

        assertThat(endpoints.splits()).as("samples with two ready endpoints").isEmpty();
        assertThat(after.active()).isEqualTo(pair.passive());
        assertThat(after.passive()).isEqualTo(pair.active());
        Pod recreated = kube.pod(pair.active()).orElseThrow();
        assertThat(recreated.getMetadata().getLabels()).containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE);
        assertThat(recreated.getStatus().getPodIP()).as("a new pod, a new IP: the active found its new passive")
                .isNotEqualTo(deleted.getStatus().getPodIP());
        assertThat(kube.events(name)).extracting(e -> e.getReason() + " " + e.getMessage())
                .anyMatch(e -> e.startsWith("PodRecreated recreated pod " + pair.active()));
        assertThat(kube.cluster(name).orElseThrow().getStatus().getFailoverCount()).isEqualTo(1);
        assertThat(traffic.counted()).isEqualTo(traffic.acknowledged());
    }

    @Test
    void specChangeRollsThePassiveFirstThenHandsOverWithoutLosingAnEvent() throws Exception {
        String name = apply("shipments", FAST_HEARTBEAT_MS);
        RunningPair pair = awaitPair(name);
        String hashBefore = templateHash(pair.active());
        CountingTraffic traffic = traffic(name);
        traffic.send(100);
        traffic.startInBackground();
        EndpointSampler endpoints = endpointSampler(name);

        long newInterval = SampleClusters.PERSISTENCE_INTERVAL_MS / 2;
        kube.editSpec(name, c -> c.getSpec().getPersistence().setIntervalMs(newInterval));
        await("both pods rolled").atMost(Duration.ofSeconds(90)).until(() -> kube.podsOf(name).size() == 2
                && kube.podsOf(name).stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null
                && !hashBefore.equals(templateHash(p.getMetadata().getName()))));
        RunningPair after = awaitPair(name);
        traffic.stop();
        endpoints.close();

        assertThat(endpoints.splits()).as("samples with two ready endpoints").isEmpty();
        assertThat(after.active()).as("the former passive took over in the planned switchover")
                .isEqualTo(pair.passive());
        assertThat(kube.podsOf(name)).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getEnv())
                .anyMatch(v -> v.getName().equals(NodeEnv.PERSISTENCE_INTERVAL_MS)
                        && v.getValue().equals(String.valueOf(newInterval))));
        assertThat(kube.events(name)).extracting(e -> e.getReason() + " " + e.getMessage())
                .filteredOn(e -> e.startsWith("RollingUpdate") || e.startsWith("StepDownRequested"))
                .satisfiesExactly(
                        e -> assertThat(e).startsWith("RollingUpdate deleting pod " + pair.passive()),
                        e -> assertThat(e).startsWith("StepDownRequested").contains(pair.active()),
                        // Deleted once it had handed over on the annotation, not after the step-down timeout.
                        e -> assertThat(e).startsWith("RollingUpdate deleting pod " + pair.active())
                                .doesNotContain("did not step down"));
        SiHaCluster rolled = kube.cluster(name).orElseThrow();
        assertThat(rolled.getStatus().getObservedGeneration()).isEqualTo(rolled.getMetadata().getGeneration());
        assertThat(rolled.getStatus().getFailoverCount()).as("one planned switchover").isEqualTo(1);
        assertThat(traffic.acknowledged()).isGreaterThan(100);
        assertThat(traffic.counted()).isEqualTo(traffic.acknowledged());
    }

    @Test
    void deletingTheClusterRemovesEverythingItOwned() throws Exception {
        String name = apply("refunds", FAST_HEARTBEAT_MS);
        awaitPair(name);
        CountingTraffic traffic = traffic(name);
        traffic.send(100);
        assertThat(traffic.counted()).isEqualTo(traffic.acknowledged());
        SiHaCluster cluster = kube.cluster(name).orElseThrow();

        List<HasMetadata> made = objectsOf(name);
        assertThat(made).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "Secret/" + name + "-db", "ConfigMap/" + name + "-apps", "ServiceAccount/" + name + "-node",
                "Role/" + name + "-node", "RoleBinding/" + name + "-node", "Service/" + name,
                "PodDisruptionBudget/" + name, "Pod/" + name + "-0", "Pod/" + name + "-1");
        assertThat(made).allSatisfy(o -> assertThat(hasOwner(o, cluster))
                .as("%s %s has a controller reference to the SiHaCluster", o.getKind(), o.getMetadata().getName())
                .isTrue());

        kube.deleteCluster(name);
        await("everything " + name + " owned is gone").atMost(Duration.ofSeconds(60))
                .until(() -> objectsOf(name).isEmpty());
        await("node processes exited").atMost(Duration.ofSeconds(30)).until(kube.kubelet()::noProcessLeft);
        assertThat(kube.client().secrets().withName(SampleClusters.PASSWORD_SECRET).get())
                .as("the user's own Secret is not owned and stays").isNotNull();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String apply(String name, long heartbeatMs) {
        return scope.apply(name, heartbeatMs);
    }

    private CountingTraffic traffic(String cluster) {
        return scope.traffic(cluster);
    }

    private EndpointSampler endpointSampler(String service) {
        return scope.closedAfterTest(new EndpointSampler(kube.services(), service));
    }

    private RunningPair awaitPair(String name) {
        return RunningPair.await(kube, name);
    }

    /**
     * SIGKILL of {@code killed}'s process; returns the milliseconds until the Service resolves to {@code survivor}
     * alone, and until the survivor had labelled its pod active (the rest is the readiness probe's period).
     */
    private FailoverTimings.Run killAndTimeServiceSwitch(String name, String killed, String survivor) {
        long killedAt = System.nanoTime();
        kube.kubelet().killContainer(killed);
        long[] labelledAt = {0};
        await("Service " + name + " resolves to " + survivor).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    if (labelledAt[0] == 0 && kube.pod(survivor).map(PairOnKubernetesTest::labelledActive)
                            .orElse(false)) {
                        labelledAt[0] = System.nanoTime();
                    }
                    return readyPods(name).equals(List.of(survivor));
                });
        long resolvedAt = System.nanoTime();
        return new FailoverTimings.Run(TimeUnit.NANOSECONDS.toMillis((labelledAt[0] == 0 ? resolvedAt : labelledAt[0])
                - killedAt), TimeUnit.NANOSECONDS.toMillis(resolvedAt - killedAt));
    }

    private static boolean labelledActive(Pod pod) {
        return SiHaLabels.ROLE_ACTIVE.equals(pod.getMetadata().getLabels().get(SiHaLabels.ROLE));
    }

    private List<String> readyPods(String service) {
        return kube.services().readyEndpoints(service, IngestServiceModel.HTTP_PORT_NAME).stream()
                .map(ServiceResolver.Endpoint::podName).toList();
    }

    private int restartCount(String podName) {
        Pod pod = kube.pod(podName).orElseThrow();
        return pod.getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    private String templateHash(String podName) {
        return kube.pod(podName).map(p -> p.getMetadata().getAnnotations().get(OperatorPodAnnotations.TEMPLATE_HASH))
                .orElse("");
    }

    /** What the operator made for a cluster: named after it or labelled with it. */
    private List<HasMetadata> objectsOf(String name) {
        return kube.garbageCollector().objects().stream()
                .filter(o -> o.getMetadata().getName().equals(name) || o.getMetadata().getName().startsWith(name + "-")
                        || (o.getMetadata().getLabels() != null
                        && name.equals(o.getMetadata().getLabels().get(SiHaLabels.CLUSTER))))
                .toList();
    }

    private static boolean hasOwner(HasMetadata object, SiHaCluster owner) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(ref -> Objects.equals(ref.getUid(), owner.getMetadata().getUid())
                        && Boolean.TRUE.equals(ref.getController()));
    }
}
