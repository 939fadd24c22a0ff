package io.siha.node.bench;

import io.siha.api.v1alpha1.StandbyMode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bench --standby}: first the filter app's saturating throughput alone, on a cold pair and on a hot one, with
 * the CPU of each ({@link StandbyThroughputRun}); then SIGKILL failovers of a cold pair and of a hot one in the same run, at 200 ms x 2 heartbeats,
 * in the order cold, hot, hot, cold (so that a drift of the machine over the run weighs on both alike): kill to first
 * acknowledgement, the takeover's own work as the new active logged it, the passive's CPU under the steady traffic,
 * and the outputs against those the acknowledged orders must produce. Beside the counting app only the filter app
 * runs: the main bench's window app has a wall-clock window, which keeps a node cold.
 */
final class StandbyBench {

    private static final long HEARTBEAT_MS = 200;
    private static final int RETRIES = 2;
    /** The main bench's snapshot interval at this timing: what a cold takeover replays is up to a second's events. */
    private static final long PERSIST_MS = 1_000;

    private StandbyBench() {
    }

    static void run(BenchOptions options, PrintStream out) throws Exception {
        Path outDir = Files.createDirectories(options.outputDir());
        Path work = Files.createTempDirectory("si-ha-bench-standby");
        int kills = options.quick() ? 3 : 10;
        out.printf("si-ha bench --standby: throughput rounds alone, cold, hot, hot, cold, alone; then %d SIGKILLs per"
                + " round at %d ms x %d, rounds cold, hot, hot, cold; node logs in %s%n", kills, HEARTBEAT_MS, RETRIES,
                work);
        Map<StandbyMode, List<FailoverRun.Outcome>> byMode = new EnumMap<>(StandbyMode.class);
        List<StandbyMode> rounds = List.of(StandbyMode.COLD, StandbyMode.HOT, StandbyMode.HOT, StandbyMode.COLD);
        Map<StandbyThroughputRun.Setup, StandbyThroughputRun.Figures> throughput;
        try (BenchCluster cluster = BenchCluster.start(work, Optional.empty())) {
            throughput = StandbyThroughputRun.run(cluster, options, out);
            int round = 0;
            for (StandbyMode mode : rounds) {
                FailoverRun.Outcome outcome = FailoverRun.run(cluster, HEARTBEAT_MS, RETRIES, PERSIST_MS,
                        kills, outDir.resolve("failover-" + mode.nodeValue() + "-" + (++round) + ".png"), mode,
                        List.of(BenchApps.FILTER.source()));
                out.printf("%s standby: kill to first ack %s ms; takeovers %s ms; passive %.3f cores; outputs %s%n",
                        mode.nodeValue(), outcome.failoverMs(), outcome.takeoverMs(), outcome.passiveCores(),
                        outcome.outputs());
                byMode.computeIfAbsent(mode, m -> new ArrayList<>()).add(outcome);
            }
        }
        Figures cold = Figures.of(byMode.get(StandbyMode.COLD));
        Figures hot = Figures.of(byMode.get(StandbyMode.HOT));
        long leaseMs = HEARTBEAT_MS * (RETRIES + 1);
        out.printf("| SIGKILL failover at %d ms x %d (lease %d ms), %d kills per mode | cold | hot |%n", HEARTBEAT_MS,
                RETRIES, leaseMs, 2 * kills);
        out.println("|---|---:|---:|");
        out.printf("| kill to first ack, p50 / p99 ms | %d / %d | %d / %d |%n", cold.failoverP50(), cold.failoverP99(),
                hot.failoverP50(), hot.failoverP99());
        out.printf("| beyond the lease at p99, ms | %d | %d |%n", cold.failoverP99() - leaseMs,
                hot.failoverP99() - leaseMs);
        out.printf("| takeover work, p50 / p99 ms | %d / %d | %d / %d |%n", cold.takeoverP50(), cold.takeoverP99(),
                hot.takeoverP50(), hot.takeoverP99());
        out.printf("| passive CPU at %d events/s, cores | %.3f | %.3f |%n", 2_000, cold.passiveCores(),
                hot.passiveCores());
        out.printf("| events or outputs lost / outputs repeated under their id / anything wrong | %s | %s |%n",
                cold.outputs(), hot.outputs());
        printThroughput(throughput, out);
        StandbyThroughputRun.Figures alone = throughput.get(StandbyThroughputRun.Setup.ALONE);
        out.printf("RESULT standby_cold_failover_p99_ms=%d standby_hot_failover_p99_ms=%d lease_ms=%d"
                        + " standby_cold_takeover_p99_ms=%d standby_hot_takeover_p99_ms=%d"
                        + " standby_cold_passive_cores=%.3f standby_hot_passive_cores=%.3f standby_lost=%d"
                        + " standby_alone_eps=%.0f standby_cold_vs_alone=%.2f standby_hot_vs_alone=%.2f%n",
                cold.failoverP99(), hot.failoverP99(), leaseMs, cold.takeoverP99(), hot.takeoverP99(),
                cold.passiveCores(), hot.passiveCores(), cold.lost() + hot.lost(), alone.eventsPerSecond(),
                throughput.get(StandbyThroughputRun.Setup.COLD).eventsPerSecond() / alone.eventsPerSecond(),
                throughput.get(StandbyThroughputRun.Setup.HOT).eventsPerSecond() / alone.eventsPerSecond());
    }

    /**
     * The throughput rounds as a table: each setup's rate against alone, its CPU, and its rate per core of all that
     * is not the passive against alone's (1 would mean the whole drop is the passive's CPU on the shared cores).
     */
    private static void printThroughput(Map<StandbyThroughputRun.Setup, StandbyThroughputRun.Figures> figures,
                                        PrintStream out) {
        StandbyThroughputRun.Figures alone = figures.get(StandbyThroughputRun.Setup.ALONE);
        out.println("| filter app, saturating, SiHaClient binary, 2 rounds each | alone | HA cold | HA hot |");
        out.println("|---|---:|---:|---:|");
        StringBuilder eps = new StringBuilder("| acked events/s |");
        StringBuilder ratio = new StringBuilder("| / alone |");
        StringBuilder cores = new StringBuilder("| cores: active / passive / whole machine |");
        StringBuilder perCore = new StringBuilder("| acked events/s per core not the passive's, / alone's |");
        for (StandbyThroughputRun.Setup setup : StandbyThroughputRun.Setup.values()) {
            StandbyThroughputRun.Figures f = figures.get(setup);
            eps.append(String.format(" %,.0f |", f.eventsPerSecond()));
            ratio.append(String.format(" %.2f |", f.eventsPerSecond() / alone.eventsPerSecond()));
            cores.append(String.format(" %.2f / %.2f / %.2f |", f.activeCores(), f.passiveCores(),
                    f.machineCores()));
            perCore.append(String.format(" %.2f |", f.eventsPerNonPassiveCore() / alone.eventsPerNonPassiveCore()));
        }
        out.println(eps);
        out.println(ratio);
        out.println(cores);
        out.println(perCore);
    }

    /** One mode's rounds together. */
    private record Figures(List<Long> failoverMs, List<Long> takeoverMs, double passiveCores, long lost,
                           long repeated, long wrong) {

        static Figures of(List<FailoverRun.Outcome> outcomes) {
            List<Long> failovers = new ArrayList<>();
            List<Long> takeovers = new ArrayList<>();
            double cores = 0;
            long lost = 0;
            long repeated = 0;
            long wrong = 0;
            for (FailoverRun.Outcome outcome : outcomes) {
                failovers.addAll(outcome.failoverMs());
                takeovers.addAll(outcome.takeoverMs());
                cores += outcome.passiveCores() / outcomes.size();
                lost += outcome.outputs().lost() + outcome.events().lost();
                repeated += outcome.outputs().duplicated();
                // Not the order of the amounts: the client resends a batch unacknowledged at a kill after newer ones
                // went, so the pair takes them in another order than they were made (the main bench alike).
                wrong += outcome.outputs().underAnotherId() + outcome.outputs().unexpected()
                        + Math.max(0, outcome.events().counted() - outcome.events().acked());
            }
            return new Figures(failovers, takeovers, cores, lost, repeated, wrong);
        }

        long failoverP50() {
            return Percentiles.of(failoverMs, 50);
        }

        long failoverP99() {
            return Percentiles.of(failoverMs, 99);
        }

        long takeoverP50() {
            return takeoverMs.isEmpty() ? -1 : Percentiles.of(takeoverMs, 50);
        }

        long takeoverP99() {
            return takeoverMs.isEmpty() ? -1 : Percentiles.of(takeoverMs, 99);
        }

        String outputs() {
            return lost + " / " + repeated + " / " + wrong;
        }
    }
}
