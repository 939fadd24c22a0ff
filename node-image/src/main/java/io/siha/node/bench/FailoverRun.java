package io.siha.node.bench;

import io.siha.client.DeliveryListener;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.demo.Demo;
import io.siha.node.demo.LocalNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGKILL of the active, again and again, under steady traffic with client ids: each time, the time from the kill
 * to the first acknowledgement by the other node, then the killed node restarted (as the kubelet would) and let
 * rejoin as passive. At the end the app's count is compared with the acknowledged events.
 */
final class FailoverRun {

    /** Steady, moderate traffic: the gap is what is measured, not the throughput. */
    private static final int EVENTS_PER_SECOND = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param failoverMs kill to first acknowledgement by the new active, one per kill
     * @param leaseMs    the lease length of the timing used
     */
    record Outcome(List<Long> failoverMs, long leaseMs, long acked, long counted) {

        long lost() {
            return Math.max(0, acked - counted);
        }

        long duplicated() {
            return Math.max(0, counted - acked);
        }
    }

    /**
     * One kill: who should take over, when the kill was, and the first acknowledgement by the survivor after it. A
     * round of its own, swapped in whole, so an acknowledgement the client reports while the next kill is being
     * set up cannot count for it (a shared "first ack" reset once let the previous survivor's ack read as 0 ms).
     */
    private record KillRound(String survivor, long killNanos, AtomicLong firstAckNanos) {
    }

    private final AtomicReference<KillRound> currentKill = new AtomicReference<>();
    private AckTimeline timeline;

    private FailoverRun() {
    }

    /** @param persistEveryMs the snapshot interval, which bounds what the passive replays at a takeover */
    static Outcome run(BenchCluster cluster, long heartbeatMs, int maxRetries, long persistEveryMs, int kills,
                       Path chart) throws Exception {
        return new FailoverRun().kill(cluster, heartbeatMs, maxRetries, persistEveryMs, kills, chart);
    }

    private Outcome kill(BenchCluster cluster, long heartbeatMs, int maxRetries, long persistEveryMs, int kills,
                         Path chart) throws Exception {
        long leaseMs = heartbeatMs * (maxRetries + 1);
        List<LocalNode> nodes = cluster.startNodes("failover-" + heartbeatMs, 2, heartbeatMs, maxRetries,
                persistEveryMs, true);
        timeline = new AckTimeline(System.nanoTime(), 30 * 60);
        try (SiHaClient client = SiHaClient.builder()
                .endpoints(nodes.stream().map(LocalNode::binaryIngestAddress).toList())
                .transport(Transport.BINARY)
                .retryTime(TIMEOUT)
                .listener(new Recorder())
                .build()) {
            SteadyTraffic traffic = SteadyTraffic.start(client, Demo.APP, Demo.STREAM, EVENTS_PER_SECOND);
            List<Long> failovers = new ArrayList<>();
            long[] charted = null;
            try {
                int round = 0;
                while (round < kills) {
                    LocalNode active = awaitWhole(nodes);
                    // Traffic through the whole pair before the kill; the first round's shows in the chart.
                    Thread.sleep(round == 0 ? 2_500 : 500);
                    if (!active.isActiveWithPassive()) {
                        continue; // the roles moved on their own meanwhile: this would not be a kill of the active
                    }
                    LocalNode other = nodes.get(0) == active ? nodes.get(1) : nodes.get(0);
                    long killNanos = System.nanoTime();
                    KillRound kill = new KillRound(other.binaryIngestAddress(), killNanos, new AtomicLong());
                    currentKill.set(kill);
                    active.kill();
                    long ackNanos = awaitFirstAck(kill);
                    long failoverMs = (ackNanos - killNanos) / 1_000_000;
                    failovers.add(failoverMs);
                    if (round == 0) {
                        charted = new long[] {killNanos, ackNanos};
                    }
                    active.start();
                    round++;
                }
            } finally {
                traffic.stop();
            }
            long acked = traffic.awaitAnswers(TIMEOUT);
            // Drawn now, not at the takeover: the acknowledgements after it are part of the picture.
            drawChart(charted[0], charted[1], heartbeatMs, maxRetries, leaseMs, chart);
            return new Outcome(failovers, leaseMs, acked, counted(awaitWhole(nodes)));
        } finally {
            nodes.forEach(LocalNode::kill);
        }
    }

    private void drawChart(long killNanos, long ackNanos, long heartbeatMs, int maxRetries, long leaseMs,
                           Path chart) {
        long killMs = timeline.msSinceStart(killNanos);
        long failoverMs = (ackNanos - killNanos) / 1_000_000;
        long fromMs = Math.max(0, killMs - 2_000);
        // Until 2.5 s after the takeover: the backlog's burst and the steady rate again, before the next round's kill.
        long toMs = killMs + failoverMs + 2_500;
        AckTimelineChart.write(timeline.window(fromMs, toMs), killMs - fromMs, killMs - fromMs + failoverMs,
                String.format("SIGKILL of the active at %d ms x %d heartbeats (lease %d ms): failover %d ms",
                        heartbeatMs, maxRetries, leaseMs, failoverMs), chart);
    }

    private static long awaitFirstAck(KillRound kill) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (kill.firstAckNanos().get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no acknowledgement by " + kill.survivor() + " within "
                        + TIMEOUT.toSeconds() + " s of the kill");
            }
            Thread.sleep(1);
        }
        return kill.firstAckNanos().get();
    }

    private static LocalNode awaitWhole(List<LocalNode> nodes) throws InterruptedException {
        return LocalNode.awaitActiveWithPassive(nodes, TIMEOUT);
    }

    /** The counting app's total, asked of the active. */
    private static long counted(LocalNode active) {
        return Demo.countIn(active.query(Demo.APP, Demo.COUNT_QUERY).orElseThrow(() -> new IllegalStateException(
                active.id() + " did not answer the count query; see " + active.log())));
    }

    /** Called on the client's I/O thread: one atomic add, and the first acknowledgement after a kill. */
    private final class Recorder implements DeliveryListener {
        @Override
        public void acknowledged(String endpoint, int events) {
            long now = System.nanoTime();
            timeline.acknowledged(now, events);
            KillRound kill = currentKill.get();
            if (kill != null && endpoint.equals(kill.survivor()) && now - kill.killNanos() > 0) {
                kill.firstAckNanos().compareAndSet(0, now);
            }
        }
    }
}
