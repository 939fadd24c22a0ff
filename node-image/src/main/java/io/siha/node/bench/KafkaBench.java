package io.siha.node.bench;

import io.siha.node.bench.KafkaRelayRun.Figures;
import io.siha.node.bench.KafkaRelayRun.Setup;
import io.siha.node.demo.KafkaBrokerProcess;
import io.siha.node.demo.LocalNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bench --kafka}: Kafka in, relay, Kafka out on a broker started as the Kafka demo starts it, the HA pair
 * against a node alone in its two ways of acknowledging, the idempotent and the transactional sink on each
 * ({@link KafkaRelayRun.Setup}), all running at once and measured one after the other, the rounds in one order and
 * then backwards, so that a drift of the machine over the run weighs on all alike; each setup and mode's two rounds
 * are taken together. Then SIGKILLs of the pair's active under steady traffic
 * ({@link KafkaFailoverRun}). The last line is the {@code RESULT} summary.
 */
final class KafkaBench {

    private static final int PACE_RATE = 200;

    /** Where the bench says what it did, with the time since it started. */
    interface Timeline {
        void say(String format, Object... args);
    }

    private final BenchOptions options;
    private final PrintStream out;
    private final Timeline timeline;
    private final int burst;
    private final Duration pace;
    private final int kills;

    KafkaBench(BenchOptions options, PrintStream out, Timeline timeline) {
        this.options = options;
        this.out = out;
        this.timeline = timeline;
        this.burst = options.quick() ? 5_000 : 20_000;
        this.pace = options.quick() ? Duration.ofSeconds(5) : Duration.ofSeconds(15);
        this.kills = options.quick() ? 2 : 4;
    }

    void run() throws Exception {
        // The bench's own Kafka clients: their INFO lines would bury the figures.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("si-ha-bench-kafka");
        timeline.say("si-ha bench --kafka: %,d records at once, then %d/s for %d s, per setup and sink mode; then %d"
                + " SIGKILLs of the pair's active at %d/s; logs in %s", burst, PACE_RATE, pace.toSeconds(), kills,
                KafkaFailoverRun.RATE, work);
        Map<Setup, Map<String, Figures>> figures = new EnumMap<>(Setup.class);
        List<KafkaFailoverRun.Outcome> failover;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(KafkaBrokerProcess.lib(options.kafkaLib()), work);
             BenchCluster cluster = BenchCluster.start(work, Optional.empty())) {
            String servers = broker.bootstrapServers();
            KafkaRelayRun.createTopics(broker);
            Map<Setup, List<LocalNode>> nodes = new EnumMap<>(Setup.class);
            try {
                for (Setup setup : Setup.values()) {
                    nodes.put(setup, setup.start(cluster, servers));
                }
                LocalNode.awaitActiveWithPassive(nodes.get(Setup.HA), Duration.ofSeconds(90));
                LocalNode.awaitActive(nodes.get(Setup.ALONE), Duration.ofSeconds(90));
                LocalNode.awaitActive(nodes.get(Setup.DEGRADED), Duration.ofSeconds(90));
                // Three rounds of every app first, not reported: for the nodes' JIT and the producers' first
                // metadata and transactions. With one, the rounds after it still sped up fourfold over the run (the
                // idempotent sink's first and last: 9,720 and 47,644 records/s).
                for (int warmUp = 0; warmUp < 3; warmUp++) {
                    for (Round round : forwards()) {
                        KafkaRelayRun.measure(servers, round.setup(), round.delivery(), burst, PACE_RATE,
                                Duration.ofSeconds(1));
                    }
                }
                for (Round round : rounds()) {
                    Figures measured = KafkaRelayRun.measure(servers, round.setup(), round.delivery(), burst,
                            PACE_RATE, pace);
                    figures.computeIfAbsent(round.setup(), s -> new LinkedHashMap<>())
                            .merge(round.delivery(), measured, Figures::and);
                    timeline.say("%s, %s sink: %,.0f records/s; at %d/s produced to read p50 %d ms, p99 %d ms; lost"
                                    + " %d, repeated %d", round.setup().label, round.delivery(),
                            measured.recordsPerSecond(), PACE_RATE, measured.p50Ms(), measured.p99Ms(),
                            measured.lost(), measured.repeated());
                }
                // The lone nodes are idle from here: their CPU to the takeovers.
                nodes.get(Setup.ALONE).forEach(LocalNode::stop);
                nodes.get(Setup.DEGRADED).forEach(LocalNode::stop);
                failover = KafkaFailoverRun.run(nodes.get(Setup.HA), servers, kills);
                for (KafkaFailoverRun.Outcome outcome : failover) {
                    timeline.say("SIGKILL of the active, %s sink: longest produced to read per kill %s ms, kill to"
                                    + " first new output %s ms; %,d produced, %d lost, %d repeated (%d under another"
                                    + " id), %d unexpected", outcome.delivery(), outcome.longestMs(),
                            outcome.firstOutputMs(), outcome.produced(), outcome.lost(), outcome.repeated(),
                            outcome.underAnotherId(), outcome.unexpected());
                }
            } finally {
                nodes.values().forEach(setup -> setup.forEach(LocalNode::stop));
            }
        }
        new KafkaBenchReport(burst, PACE_RATE, pace, figures, failover).print(out);
    }

    private record Round(Setup setup, String delivery) {
    }

    /** Every setup's idempotent, then its transactional app, the setups in their order. */
    private static List<Round> forwards() {
        List<Round> forwards = new ArrayList<>();
        for (Setup setup : Setup.values()) {
            for (String delivery : KafkaRelayRun.DELIVERIES) {
                forwards.add(new Round(setup, delivery));
            }
        }
        return forwards;
    }

    /** {@link #forwards()}, then the same backwards: each round's mean place in the run is the same. */
    private static List<Round> rounds() {
        List<Round> rounds = new ArrayList<>(forwards());
        List<Round> backwards = forwards();
        Collections.reverse(backwards);
        rounds.addAll(backwards);
        return rounds;
    }
}
