package io.siha.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.api.NodeEnv;
import io.siha.api.SiHaDefaults;
import io.siha.api.v1alpha1.StandbyMode;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.demo.LocalNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The filter app's saturating throughput through {@link SiHaClient} on a node alone, on a cold pair and on a hot one, in
 * rounds alone, cold, hot, hot, cold, alone (so that the machine's drift weighs on each alike), with the CPU each node
 * and the whole machine used meanwhile: the hot standby's HA / alone ratio beside the cold one's, and how much of each
 * drop is the passive's CPU on the same two cores (what the active side does per core it has, against alone).
 */
final class StandbyThroughputRun {

    enum Setup {
        ALONE, COLD, HOT
    }

    /**
     * One setup's rounds, averaged.
     *
     * @param activeCores  the active's (or the node alone's) process
     * @param passiveCores the passive's process; 0 alone
     * @param machineCores every process of the machine: the nodes, the bench's client, the database
     */
    record Figures(double eventsPerSecond, double activeCores, double passiveCores, double machineCores) {

        /** Acknowledged events per core of all that is not the passive: the active side's work per event, inverted. */
        double eventsPerNonPassiveCore() {
            return eventsPerSecond / (machineCores - passiveCores);
        }
    }

    private static final Duration WHOLE = Duration.ofSeconds(60);
    private static final List<Setup> ROUNDS = List.of(Setup.ALONE, Setup.COLD, Setup.HOT, Setup.HOT, Setup.COLD,
            Setup.ALONE);

    private StandbyThroughputRun() {
    }

    static Map<Setup, Figures> run(BenchCluster cluster, BenchOptions options, PrintStream out) throws Exception {
        Map<Setup, List<Figures>> rounds = new EnumMap<>(Setup.class);
        for (Setup setup : ROUNDS) {
            Figures round = round(cluster, options, setup);
            out.printf("throughput %s: %,.0f acked events/s; cores: active %.2f, passive %.2f, machine %.2f%n",
                    setup.name().toLowerCase(), round.eventsPerSecond(), round.activeCores(), round.passiveCores(),
                    round.machineCores());
            rounds.computeIfAbsent(setup, s -> new ArrayList<>()).add(round);
        }
        Map<Setup, Figures> figures = new EnumMap<>(Setup.class);
        rounds.forEach((setup, list) -> figures.put(setup, new Figures(
                list.stream().mapToDouble(Figures::eventsPerSecond).average().orElseThrow(),
                list.stream().mapToDouble(Figures::activeCores).average().orElseThrow(),
                list.stream().mapToDouble(Figures::passiveCores).average().orElseThrow(),
                list.stream().mapToDouble(Figures::machineCores).average().orElseThrow())));
        return figures;
    }

    private static Figures round(BenchCluster cluster, BenchOptions options, Setup setup) throws Exception {
        boolean pair = setup != Setup.ALONE;
        StandbyMode mode = setup == Setup.HOT ? StandbyMode.HOT : StandbyMode.COLD;
        List<LocalNode> nodes = cluster.startNodes("throughput-" + setup.name().toLowerCase(), pair ? 2 : 1,
                SiHaDefaults.HEARTBEAT_INTERVAL_MS, SiHaDefaults.HEARTBEAT_MAX_RETRIES,
                SiHaDefaults.PERSISTENCE_INTERVAL_MS, pair, List.of(BenchApps.FILTER.source()),
                Map.of(NodeEnv.STANDBY_MODE, mode.nodeValue()));
        try {
            LocalNode active = pair ? LocalNode.awaitActiveWithPassive(nodes, WHOLE)
                    : LocalNode.awaitActive(nodes, WHOLE);
            Optional<LocalNode> passive = nodes.stream().filter(n -> n != active).findFirst();
            List<LocalNode> watched = new ArrayList<>(List.of(active));
            passive.ifPresent(watched::add);
            LoadRun.Measured measured;
            try (SiHaClient client = SiHaClient.builder().endpoints(List.of(active.binaryIngestAddress()))
                    .transport(Transport.BINARY).build()) {
                measured = LoadRun.measured(client, BenchApps.FILTER, options.warmUp(), options.measure(), watched);
            }
            if (passive.isPresent()) {
                requireStandby(passive.get(), mode);
            }
            List<Double> cores = measured.cpu().nodeCores();
            return new Figures(measured.eventsPerSecond(), cores.get(0), pair ? cores.get(1) : 0,
                    measured.cpu().machineCores());
        } finally {
            nodes.forEach(LocalNode::stop);
        }
    }

    /** The passive stood by as asked through the run: a hot one applied the events, so the figure is a hot pair's. */
    private static void requireStandby(LocalNode passive, StandbyMode mode) {
        JsonNode standby = passive.status().orElseThrow(() -> new IllegalStateException("the passive "
                + passive.id() + " did not answer; see " + passive.log())).path("standby");
        boolean applied = standby.path("appliedSeq").asLong(-1) > 0;
        if (!mode.nodeValue().equals(standby.path("mode").asText()) || (mode == StandbyMode.HOT) != applied) {
            throw new IllegalStateException("the passive " + passive.id() + " was to stand by " + mode.nodeValue()
                    + " but reports " + standby + "; see " + passive.log());
        }
    }
}
