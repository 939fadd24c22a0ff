package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.siha.api.SiHaDefaults;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.api.v1alpha1.SwitchoverResult;
import io.siha.api.v1alpha1.SwitchoverSpec;
import io.siha.operator.model.IngestServiceModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handovers the operator plans, with real node processes and a real client sending through the Service meanwhile, one
 * after another on one pair: a switchover asked for in {@code spec.switchover}, a drain of the passive's Node, a drain
 * of the active's Node (cordon, then evictions refused by the PodDisruptionBudget until the operator has handed the
 * active over), and drains of both at once. Each ends with the app's count equal to the events acknowledged, and the
 * Service never resolves to two pods.
 *
 * <p>Six Node objects; {@link Scheduler} binds the pods to them. The eviction API is played by {@link EvictionApi}
 * (the mock has none), which decides from the budget as the API server does.
 */
class PlannedHandoversOnKubernetesTest extends OnMockCluster {

    /**
     * The default heartbeat (1 s x 2, a 3 s lease): the handovers here are planned, so their time does not depend on
     * it, and at 200 ms a loaded CI machine fences a node now and then, which would blur what these tests count.
     */
    private static final long HEARTBEAT_MS = SiHaDefaults.HEARTBEAT_INTERVAL_MS;
    /** Two Nodes for the pair, and one more for each pod the drains move: four moves, in the order of the test. */
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c", "node-d", "node-e", "node-f");
    /** Generous: the drain's first eviction is refused, the next comes 5 s later; the pods start real JVMs. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Path TIMES = Path.of("target", "kube-e2e", "drain-times.txt");

    private Scheduler scheduler;
    private TestScope scope;

    @BeforeAll
    void startScheduler() {
        scheduler = new Scheduler(kube.client(), kube.namespace());
        scope = new TestScope(kube);
    }

    @BeforeEach
    void freshNodes() {
        kube.client().nodes().delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> kube.client().nodes().list().getItems().isEmpty());
        for (String node : NODES) {
            kube.client().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                    .withNewSpec().endSpec().build()).create();
        }
    }

    @AfterEach
    void deleteClusters() throws Exception {
        scope.end();
    }

    @AfterAll
    void stopScheduler() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    /**
     * One pair through every planned handover in turn (a pair's start-up is most of each scenario's time): a switchover
     * from the spec, a drain of the passive's Node, a drain of the active's Node, and drains of both Nodes at once.
     * Traffic runs through the Service during each; after each the app's count must equal the events acknowledged,
     * so an event lost or counted twice in any one of them fails it, and the Service must never have had two ready
     * endpoints.
     */
    @Test
    void aSwitchoverAndDrainsOfThePassiveTheActiveAndBothMoveThePairWithoutLosingAnEvent() throws Exception {
        String name = apply("handovers");
        RunningPair started = RunningPair.await(kube, name);
        // Counted from here: a start-up on a loaded machine may already have failed over.
        int failoversBefore = failovers(name);
        CountingTraffic traffic = traffic(name);
        traffic.send(100);
        EndpointSampler endpoints = closedAfterTest(new EndpointSampler(kube.services(), name));

        RunningPair switched = switchoverFromTheSpec(name, started, traffic);
        assertThat(failovers(name)).as("one planned switchover").isEqualTo(failoversBefore + 1);
        drainThePassivesNode(name, switched, traffic);
        assertThat(failovers(name)).as("no change of active").isEqualTo(failoversBefore + 1);
        RunningPair handedOver = drainTheActivesNode(name, switched, traffic);
        assertThat(failovers(name)).as("one planned switchover").isEqualTo(failoversBefore + 2);
        drainBothNodesAtOnce(name, handedOver, traffic);
        assertThat(failovers(name)).as("one planned switchover").isEqualTo(failoversBefore + 3);

        endpoints.close();
        assertThat(endpoints.splits()).as("samples with two ready endpoints").isEmpty();
    }

    private RunningPair switchoverFromTheSpec(String name, RunningPair pair, CountingTraffic traffic)
            throws Exception {
        int ackedBefore = traffic.acknowledged();
        traffic.startInBackground();
        kube.editSpec(name, c -> c.getSpec().setSwitchover(new SwitchoverSpec(pair.passive(), null)));
        await("switchover to " + pair.passive() + " recorded").atMost(Duration.ofSeconds(30))
                .until(() -> lastSwitchoverResult(name) == SwitchoverResult.Succeeded);
        RunningPair after = RunningPair.await(kube, name);
        traffic.stop();
        traffic.send(100); // after the switchover too, through the Service, now on the other pod

        assertThat(after.active()).isEqualTo(pair.passive());
        assertThat(after.passive()).isEqualTo(pair.active());
        assertThat(after.epoch()).isGreaterThan(pair.epoch());
        assertThat(kube.pod(pair.active()).orElseThrow().getMetadata().getLabels())
                .containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE);
        assertThat(kube.events(name)).extracting(e -> e.getReason()).contains("SwitchoverAccepted", "Switchover");
        assertThat(traffic.acknowledged() - ackedBefore).isGreaterThan(100);
        assertThat(traffic.counted()).as("after the switchover").isEqualTo(traffic.acknowledged());
        return after;
    }

    private void drainThePassivesNode(String name, RunningPair pair, CountingTraffic traffic) throws Exception {
        String passiveUid = kube.pod(pair.passive()).orElseThrow().getMetadata().getUid();
        traffic.startInBackground();
        Drain drain = new Drain(kube.client(), kube.namespace());
        drain.drain(nodeOf(pair.passive()), DRAIN_TIMEOUT);
        RunningPair after = awaitReplaced(name, pair.passive(), passiveUid);
        traffic.stop();

        assertThat(drain.attempts()).singleElement().satisfies(a -> assertThat(a.answer().evicted()).isTrue());
        assertThat(after).as("the active left alone").isEqualTo(pair);
        assertThat(traffic.counted()).as("after the passive's drain").isEqualTo(traffic.acknowledged());
    }

    private RunningPair drainTheActivesNode(String name, RunningPair pair, CountingTraffic traffic) throws Exception {
        String activeNode = nodeOf(pair.active());
        String passiveNode = nodeOf(pair.passive());
        String evictedUid = kube.pod(pair.active()).orElseThrow().getMetadata().getUid();
        int ackedBefore = traffic.acknowledged();
        traffic.startInBackground();
        ServiceSwitchClock handover = closedAfterTest(new ServiceSwitchClock(kube.services(), name, pair.passive()));

        Drain drain = new Drain(kube.client(), kube.namespace());
        long cordonedAt = System.nanoTime();
        drain.drain(activeNode, DRAIN_TIMEOUT);
        long drainedMs = msSince(cordonedAt);

        // The budget refused the first eviction: the active was still active; it went once it had handed over.
        List<Drain.Attempt> attempts = drain.attempts();
        assertThat(attempts).as("evictions of %s", pair.active()).allMatch(a -> a.pod().equals(pair.active()));
        assertThat(attempts.get(0).answer().code()).as("first eviction, at %d ms", attempts.get(0).atMs())
                .isEqualTo(429);
        assertThat(attempts.get(attempts.size() - 1).answer().evicted()).isTrue();
        assertThat(handover.switchedAfterMs(cordonedAt)).as("the Service followed the handover before the eviction")
                .isPositive().isLessThan(attempts.get(attempts.size() - 1).atMs());

        // The operator recreates the evicted pod; the scheduler puts it on a Node left; it joins as passive.
        RunningPair after = awaitReplaced(name, pair.active(), evictedUid);
        long replacementServingMs = msSince(cordonedAt);
        traffic.stop();

        assertThat(after.active()).isEqualTo(pair.passive());
        assertThat(nodeOf(pair.active())).as("the replacement's Node").isNotIn(activeNode, passiveNode);
        assertThat(kube.events(name)).extracting(e -> e.getReason() + " " + e.getMessage())
                .contains("StepDownRequested drain: node " + activeNode + " is cordoned: asked active pod "
                        + pair.active() + " to hand over to " + pair.passive())
                .anyMatch(e -> e.startsWith("Switchover Planned switchover from " + pair.active()));
        int acknowledged = traffic.acknowledged() - ackedBefore;
        assertThat(acknowledged).isGreaterThan(0);
        assertThat(traffic.counted()).as("after the active's drain").isEqualTo(traffic.acknowledged());

        FailoverTimings.append(TIMES, String.format("drain of the active's node, heartbeat %d ms x 2 (default): cordon ->"
                        + " Service on the new active %d ms, -> drain done (evicted pod gone) %d ms after %d evictions"
                        + " (%d refused), -> evicted active's replacement passive in sync %d ms; %d events"
                        + " acknowledged meanwhile, all counted%n", HEARTBEAT_MS, handover.switchedAfterMs(cordonedAt),
                drainedMs, attempts.size(), attempts.stream().filter(a -> a.answer().code() == 429).count(),
                replacementServingMs, acknowledged));
        return after;
    }

    private void drainBothNodesAtOnce(String name, RunningPair pair, CountingTraffic traffic) throws Exception {
        List<String> nodesInUse = kube.client().pods().inNamespace(kube.namespace()).list().getItems().stream()
                .map(p -> p.getSpec().getNodeName()).toList();
        List<String> free = NODES.stream().filter(n -> !nodesInUse.contains(n) && !cordoned(n)).toList();
        String activeNode = nodeOf(pair.active());
        String passiveNode = nodeOf(pair.passive());
        EndpointSampler endpoints = closedAfterTest(new EndpointSampler(kube.services(), name));
        int ackedBefore = traffic.acknowledged();
        traffic.startInBackground();

        Drain activeDrain = new Drain(kube.client(), kube.namespace());
        Drain passiveDrain = new Drain(kube.client(), kube.namespace());
        ExecutorService drains = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = drains.submit(() -> {
                activeDrain.drain(activeNode, DRAIN_TIMEOUT.multipliedBy(2));
                return null;
            });
            Future<?> second = drains.submit(() -> {
                passiveDrain.drain(passiveNode, DRAIN_TIMEOUT.multipliedBy(2));
                return null;
            });
            first.get();
            second.get();
        } finally {
            drains.shutdownNow();
        }
        RunningPair after = RunningPair.await(kube, name);
        traffic.stop();
        endpoints.close();

        // The passive went at once; the active only once it had handed over. Which cordon lands first is a race: the
        // active may be asked to hand over to the passive a moment before that one is evicted; the node then waits
        // for a passive to connect (the replacement) before it releases the lease.
        assertThat(passiveDrain.attempts()).singleElement().satisfies(a -> assertThat(a.answer().evicted()).isTrue());
        List<Drain.Attempt> activeAttempts = activeDrain.attempts();
        assertThat(activeAttempts.get(0).answer().code()).isEqualTo(429);
        assertThat(activeAttempts.get(activeAttempts.size() - 1).answer().evicted()).isTrue();
        assertThat(after.active()).as("the passive's replacement took over").isEqualTo(pair.passive());
        assertThat(List.of(nodeOf(after.active()), nodeOf(after.passive()))).containsExactlyInAnyOrderElementsOf(free);
        assertThat(traffic.counted()).as("after both drains").isEqualTo(traffic.acknowledged());
        // When the active handed over to the passive just before that one's eviction, the former active, passive now,
        // is evicted too and the pair waits for a replacement to take over: no event lost, but a pause (README).
        FailoverTimings.append(TIMES, String.format("drains of both nodes at once, heartbeat %d ms x 2: %d evictions of"
                        + " the active (%d refused), longest without an active on the Service %d ms; %d events"
                        + " acknowledged meanwhile, all counted%n", HEARTBEAT_MS, activeAttempts.size(),
                activeAttempts.stream().filter(a -> a.answer().code() == 429).count(),
                endpoints.longestWithoutEndpointMs(), traffic.acknowledged() - ackedBefore));
    }

    /** The pair once {@code pod}'s replacement (a new uid under the same name) runs in it, as passive. */
    private RunningPair awaitReplaced(String name, String pod, String oldUid) {
        return await("replacement of " + pod + " running as passive in sync")
                .atMost(RunningPair.PAIR_START).pollInterval(Duration.ofMillis(50))
                .until(() -> RunningPair.of(kube, name).filter(p -> p.passive().equals(pod)
                        && kube.pod(pod).map(now -> !now.getMetadata().getUid().equals(oldUid)).orElse(false)),
                        Optional::isPresent).orElseThrow();
    }

    private boolean cordoned(String node) {
        return Boolean.TRUE.equals(kube.client().nodes().withName(node).get().getSpec().getUnschedulable());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String apply(String name) {
        return scope.apply(name, HEARTBEAT_MS);
    }

    private CountingTraffic traffic(String cluster) {
        return scope.traffic(cluster);
    }

    private <T extends AutoCloseable> T closedAfterTest(T helper) {
        return scope.closedAfterTest(helper);
    }

    private String nodeOf(String podName) {
        return await("pod " + podName + " bound to a node").atMost(Duration.ofSeconds(10))
                .until(() -> kube.pod(podName).map(Pod::getSpec).map(s -> s.getNodeName()).orElse(null),
                        n -> n != null);
    }

    private int failovers(String name) {
        return kube.cluster(name).orElseThrow().getStatus().getFailoverCount();
    }

    private SwitchoverResult lastSwitchoverResult(String name) {
        SiHaClusterStatus status = kube.cluster(name).orElseThrow().getStatus();
        return status == null || status.getLastSwitchover() == null ? null : status.getLastSwitchover().getResult();
    }

    private static long msSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** Notes, in the background, when the Service first resolves to {@code survivor} alone. */
    private static final class ServiceSwitchClock implements AutoCloseable {

        private final Thread thread;
        private volatile long switchedAt;

        ServiceSwitchClock(ServiceResolver services, String service, String survivor) {
            thread = new Thread(() -> {
                while (switchedAt == 0 && !Thread.currentThread().isInterrupted()) {
                    List<String> ready = services.readyEndpoints(service, IngestServiceModel.HTTP_PORT_NAME).stream()
                            .map(ServiceResolver.Endpoint::podName).toList();
                    if (ready.equals(List.of(survivor))) {
                        switchedAt = System.nanoTime();
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "service-switch-" + service);
            thread.setDaemon(true);
            thread.start();
        }

        /** Milliseconds from {@code start} to the switch; 0 while it has not happened. */
        long switchedAfterMs(long start) {
            long at = switchedAt;
            return at == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(at - start);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
