package io.siha.e2e.kube;

import io.siha.api.v1alpha1.LoadBalancerSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spec.service.loadBalancer} with two real nodes: the NAME-lb Service keeps both pods as targets, and a load
 * balancer's TCP health check on the ingest port (played by {@link HealthCheckedLoadBalancer}, as an NLB with IP
 * targets does it) finds the active alone, before and after each SIGKILL, while traffic through it loses nothing.
 */
class LoadBalancerOnKubernetesTest extends OnMockCluster {

    private static final String NAME = "checkout";
    /** The health check, scaled down from AWS's shortest (5 s, 2 in a row) so the test takes seconds. */
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
    private static final int THRESHOLD = 2;

    @Test
    void bothPodsStayTargetsAndTheHealthCheckFindsEachNewActiveWithEveryEventCounted() throws Exception {
        SiHaCluster cluster = kube.counterCluster(NAME, 200);
        LoadBalancerSpec loadBalancer = new LoadBalancerSpec();
        loadBalancer.setAnnotations(Map.of("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip"));
        cluster.getSpec().getService().setLoadBalancer(loadBalancer);
        kube.apply(cluster);
        SiHaClusterStatus whole = awaitWhole();

        try (HealthCheckedLoadBalancer lb = new HealthCheckedLoadBalancer(kube.services(), NAME + "-lb",
                CHECK_INTERVAL, THRESHOLD);
             CountingTraffic traffic = new CountingTraffic(new IngestThroughService(lb, NAME + "-lb"), NAME)) {
            // The passive is not Ready, yet a target: only its closed ingest port keeps it out of the traffic.
            await().atMost(Duration.ofSeconds(10)).until(() -> lb.targets().size() == 2
                    && lb.healthyTargets().equals(List.of(whole.getActivePod())));
            assertThat(lb.targets()).containsExactly(NAME + "-0", NAME + "-1");

            traffic.send(100);
            traffic.startInBackground();
            List<Long> killToHealthy = new ArrayList<>();
            for (int kill = 0; kill < 2; kill++) {
                SiHaClusterStatus before = awaitWhole();
                String killed = before.getActivePod();
                String survivor = before.getPassivePod();
                long killedAt = System.nanoTime();
                kube.kubelet().killContainer(killed);
                await("the health check finds " + survivor).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(10)).until(() -> lb.healthySince(survivor).isPresent()
                                && lb.healthyTargets().equals(List.of(survivor)));
                killToHealthy.add(TimeUnit.NANOSECONDS.toMillis(lb.healthySince(survivor).orElseThrow() - killedAt));
                // Never deregistered: the killed pod's container restarts in place and stays a target.
                assertThat(lb.targets()).containsExactly(NAME + "-0", NAME + "-1");
                await().atMost(Duration.ofSeconds(60)).until(() -> killed.equals(awaitWhole().getPassivePod()));
            }
            traffic.stop();

            assertThat(traffic.counted()).isEqualTo(traffic.acknowledged());
            report(killToHealthy);
        }
    }

    private SiHaClusterStatus awaitWhole() {
        return await("pair " + NAME + " whole; logs in " + kube.workDirectory()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> kube.cluster(NAME).map(SiHaCluster::getStatus).orElse(null),
                        status -> status != null && status.getActivePod() != null && status.getPassivePod() != null
                                && !Objects.equals(status.getActivePod(), status.getPassivePod()));
    }

    private static void report(List<Long> killToHealthy) {
        String line = String.format("heartbeat 200 ms x 2, NAME-lb with a TCP health check every %d ms, %d in a row:"
                + " SIGKILL of the active -> the new active healthy %s ms%n", CHECK_INTERVAL.toMillis(), THRESHOLD,
                killToHealthy);
        FailoverTimings.record(line);
    }
}
