package io.siha.node.bench;

import io.siha.api.NodeEnv;
import io.siha.api.v1alpha1.StandbyMode;
import io.siha.client.DeliveryListener;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.demo.Demo;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.OutputCheck;
import io.siha.node.engine.AppSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * SIGKILL of the active, again and again, under steady traffic with client ids: each time, the time from the kill
 * to the first acknowledgement by the other node, then the killed node restarted (as the kubelet would) and let
 * rejoin as passive. The counting app also relays orders to an HTTP sink, so each kill's gap in the outputs is
 * measured too: from the last output before the kill to the first after. At the end the app's count is compared
 * with the acknowledged events, and the outputs that arrived with those the orders must produce.
 */
final class FailoverRun {

    /** Steady, moderate traffic: the gap is what is measured, not the throughput. */
    private static final int EVENTS_PER_SECOND = 2_000;
    /**
     * Every 50th order becomes an output, 40 a second: one sink delivered 125 to 700 a second on this machine while
     * other work loaded it, and at 200 a second its backlog once reached the 10,000 at which the pair refuses input,
     * which changed the acknowledgement figures and failed the run. At 40 the sink takes little of the CPU the
     * takeover needs and its backlog stays small; still an output every 25 ms, fine beside gaps of hundreds.
     */
    static final int RELAY_EVERY = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param failoverMs   kill to first acknowledgement by the new active, one per kill
     * @param outputGapsMs last output before the kill to the first after it (once the killed node was gone), one per
     *                     kill
     * @param leaseMs      the lease length of the timing used
     * @param events       the events acknowledged against those counted
     * @param outputs      the outputs that arrived against those the acknowledged orders must produce
     * @param standby      the standby mode of the pair
     * @param takeoverMs   each takeover after a kill, lease won to ports open, as the new active logged it
     *                     ("takeover epoch N done in X ms")
     * @param passiveCores the passive's CPU, in cores, while the pair took the steady traffic before each kill
     */
    record Outcome(List<Long> failoverMs, List<Long> outputGapsMs, long leaseMs, AckedAndCounted events,
                   OutputCheck outputs, StandbyMode standby, List<Long> takeoverMs, double passiveCores) {
    }

    private static final Pattern TAKEOVER_DONE = Pattern.compile(
            "takeover epoch (\\d+) done in (\\d+) ms");

    /**
     * One kill: who should take over, when the kill was, and the first acknowledgement by the survivor after it. A
     * round of its own, swapped in whole, so an acknowledgement the client reports while the next kill is being
     * set up cannot count for it (a shared "first ack" reset once let the previous survivor's ack read as 0 ms).
     */
    private record KillRound(String survivor, long killNanos, AtomicLong firstAckNanos) {
    }

    /** A kill done: an output arriving before {@code goneNanos} may still be the killed node's last. */
    private record Killed(KillRound round, long goneNanos) {
    }

    private final AtomicReference<KillRound> currentKill = new AtomicReference<>();
    private final long startNanos = System.nanoTime();
    private final CountTimeline acks = new CountTimeline(startNanos, 30 * 60);

    private FailoverRun() {
    }

    /** @param persistEveryMs the snapshot interval, which bounds what the passive replays at a takeover */
    static Outcome run(BenchCluster cluster, long heartbeatMs, int maxRetries, long persistEveryMs, int kills,
                       Path chart) throws Exception {
        // The bench apps beside the counting one, idle, as in the throughput setups: a takeover restores every app.
        return run(cluster, heartbeatMs, maxRetries, persistEveryMs, kills, chart, StandbyMode.COLD,
                List.of(BenchApps.FILTER.source(), BenchApps.WINDOW.source()));
    }

    /** The same, on a pair of the given standby mode, with {@code idleApps} beside the counting app. */
    static Outcome run(BenchCluster cluster, long heartbeatMs, int maxRetries, long persistEveryMs, int kills,
                       Path chart, StandbyMode standby, List<AppSource> idleApps) throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            return new FailoverRun().kill(cluster, heartbeatMs, maxRetries, persistEveryMs, kills, chart, receiver,
                    standby, idleApps);
        }
    }

    private Outcome kill(BenchCluster cluster, long heartbeatMs, int maxRetries, long persistEveryMs, int kills,
                         Path chart, RecordingReceiver receiver, StandbyMode standby, List<AppSource> idleApps)
            throws Exception {
        long leaseMs = heartbeatMs * (maxRetries + 1);
        CountingApp app = CountingApp.named(Demo.APP).relayingTo(receiver.url(), RELAY_EVERY);
        List<AppSource> apps = new ArrayList<>(idleApps);
        apps.add(app.source());
        List<LocalNode> nodes = cluster.startNodes("failover-" + heartbeatMs + "-" + standby.nodeValue(), 2,
                heartbeatMs, maxRetries, persistEveryMs, true, apps,
                Map.of(NodeEnv.STANDBY_MODE, standby.nodeValue()));
        double passiveCpuNanos = 0;
        double passiveWallNanos = 0;
        try (SiHaClient client = SiHaClient.builder()
                .endpoints(nodes.stream().map(LocalNode::binaryIngestAddress).toList())
                .transport(Transport.BINARY)
                .retryTime(TIMEOUT)
                .listener(new Recorder())
                .build()) {
            SteadyTraffic traffic = SteadyTraffic.start(client, Demo.APP, CountingApp.STREAM, EVENTS_PER_SECOND);
            List<Long> failovers = new ArrayList<>();
            List<Killed> killed = new ArrayList<>();
            try {
                int round = 0;
                while (round < kills) {
                    LocalNode active = awaitWhole(nodes);
                    LocalNode passive = nodes.get(0) == active ? nodes.get(1) : nodes.get(0);
                    Optional<Duration> cpuBefore = passive.cpuTime();
                    long wallBefore = System.nanoTime();
                    // Traffic through the whole pair before the kill; the first round's shows in the chart.
                    Thread.sleep(round == 0 ? 2_500 : 500);
                    Optional<Duration> cpuAfter = passive.cpuTime();
                    if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
                        passiveCpuNanos += cpuAfter.get().minus(cpuBefore.get()).toNanos();
                        passiveWallNanos += System.nanoTime() - wallBefore;
                    }
                    if (!active.isActiveWithPassive()) {
                        continue; // the roles moved on their own meanwhile: this would not be a kill of the active
                    }
                    LocalNode other = nodes.get(0) == active ? nodes.get(1) : nodes.get(0);
                    KillRound kill = new KillRound(other.binaryIngestAddress(), System.nanoTime(), new AtomicLong());
                    currentKill.set(kill);
                    active.kill(); // returns once the process is gone
                    killed.add(new Killed(kill, System.nanoTime()));
                    failovers.add((awaitFirstAck(kill) - kill.killNanos()) / 1_000_000);
                    active.start();
                    round++;
                }
            } finally {
                traffic.stop();
            }
            long acked = traffic.awaitAnswers(TIMEOUT);
            // Every order sent was acknowledged (else awaitAnswers threw): the amounts 0 to acked - 1.
            OutputCheck outputs = receiver.awaitAll(
                    LongStream.range(0, acked).filter(app::relays).boxed().toList(), Duration.ofSeconds(10));
            List<Long> outputGaps = new ArrayList<>();
            for (Killed kill : killed) {
                outputGaps.add(receiver.gapNanos(kill.round().killNanos(), kill.goneNanos()).orElseThrow(() ->
                        new IllegalStateException("no output on both sides of a kill; see " + nodes.get(0).log()))
                        / 1_000_000);
            }
            // Drawn now, not at the takeover: the acknowledgements and outputs after it are part of the picture.
            drawChart(killed.get(0), outputGaps.get(0), receiver, String.format("%s standby, %d ms x %d (lease %d ms)",
                    standby.nodeValue(), heartbeatMs, maxRetries, leaseMs), chart);
            return new Outcome(failovers, outputGaps, leaseMs, new AckedAndCounted(acked,
                    app.countedOn(awaitWhole(nodes))), outputs, standby, takeoversAfterTheFirst(nodes),
                    passiveWallNanos == 0 ? -1 : passiveCpuNanos / passiveWallNanos);
        } finally {
            nodes.forEach(LocalNode::kill);
        }
    }

    /** @param setting the standby mode and the timing, for the chart's title */
    private void drawChart(Killed killed, long outputGapMs, RecordingReceiver receiver, String setting, Path chart) {
        KillRound kill = killed.round();
        CountTimeline outputs = new CountTimeline(startNanos, 30 * 60);
        for (long arrival : receiver.arrivalNanos()) {
            outputs.add(arrival, 1);
        }
        long firstOutputNanos = receiver.firstArrivalFrom(killed.goneNanos()).orElseThrow();
        long killMs = acks.msSinceStart(kill.killNanos());
        long fromMs = Math.max(0, killMs - 2_000);
        long takeoverMs = acks.msSinceStart(kill.firstAckNanos().get());
        // Until 2.5 s after the takeover: the backlog's burst and the steady rate again, before the next round's kill.
        long toMs = takeoverMs + 2_500;
        FailoverChart.write(new FailoverChart.Series(acks.window(fromMs, toMs), outputs.window(fromMs, toMs)),
                new FailoverChart.Marks(killMs - fromMs, takeoverMs - fromMs,
                        acks.msSinceStart(firstOutputNanos) - fromMs),
                String.format("SIGKILL of the active, %s: failover %d ms, output gap %d ms", setting,
                        takeoverMs - killMs, outputGapMs),
                chart);
    }

    /** The takeovers the nodes logged, but the pair's first (at its start, not after a kill), in epoch order. */
    private static List<Long> takeoversAfterTheFirst(List<LocalNode> nodes) throws IOException {
        Map<Long, Long> byEpoch = new TreeMap<>();
        for (LocalNode node : nodes) {
            Matcher line = TAKEOVER_DONE.matcher(Files.readString(node.log()));
            while (line.find()) {
                byEpoch.put(Long.parseLong(line.group(1)), Long.parseLong(line.group(2)));
            }
        }
        return byEpoch.values().stream().skip(1).toList();
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

    /** Called on the client's I/O thread: one atomic add, and the first acknowledgement after a kill. */
    private final class Recorder implements DeliveryListener {
        @Override
        public void acknowledged(String endpoint, int events) {
            long now = System.nanoTime();
            acks.add(now, events);
            KillRound kill = currentKill.get();
            if (kill != null && endpoint.equals(kill.survivor()) && now - kill.killNanos() > 0) {
                kill.firstAckNanos().compareAndSet(0, now);
            }
        }
    }
}
