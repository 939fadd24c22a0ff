package io.siha.node.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How long and how often each part of {@code bench} runs. {@code --quick} keeps the whole run under three minutes
 * on two cores, at the price of wider error bars; the README's figures come from a full run.
 *
 * @param quick          the short variant
 * @param outputDir      where the chart (and the node logs) go
 * @param warmUp         load before each measured interval, for the JIT
 * @param measure        each measured throughput interval
 * @param fastKills      SIGKILL failovers at 200 ms x 2 heartbeats
 * @param defaultKills   SIGKILL failovers at the default 1000 ms x 2 (none in the quick run)
 * @param queueEvents    events queued to measure the passive's bytes per event
 * @param profile        record each node JVM with Java Flight Recorder into the output directory
 * @param kafka          the Kafka bench instead ({@link KafkaRelayRun}), on a broker it starts
 * @param kafkaLib       the broker's jars, when not where the build puts them
 * @param standby        the cold and the hot standby's failovers side by side instead ({@link StandbyBench})
 * @param state          the acknowledgements as the apps' state grows instead ({@link StateBench})
 */
record BenchOptions(boolean quick, Path outputDir, Duration warmUp, Duration measure, int fastKills,
                    int defaultKills, int queueEvents, boolean profile, boolean kafka, Optional<Path> kafkaLib,
                    boolean standby, boolean state) {

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        boolean profile = false;
        boolean kafka = false;
        boolean standby = false;
        boolean state = false;
        Optional<Path> kafkaLib = Optional.empty();
        Path out = Path.of("bench-results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--profile" -> profile = true;
                case "--kafka" -> kafka = true;
                case "--standby" -> standby = true;
                case "--state" -> state = true;
                case "--kafka-lib" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--kafka-lib needs a directory");
                    }
                    kafkaLib = Optional.of(Path.of(args[++i]));
                }
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--out needs a directory");
                    }
                    out = Path.of(args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; use: bench [--quick] [--profile] [--out DIR] [--kafka [--kafka-lib DIR] | --standby | --state]");
            }
        }
        if ((kafka ? 1 : 0) + (standby ? 1 : 0) + (state ? 1 : 0) > 1) {
            throw new IllegalArgumentException("--kafka, --standby and --state are separate benches: run one at a"
                    + " time");
        }
        return quick
                ? new BenchOptions(true, out, Duration.ofSeconds(2), Duration.ofSeconds(3), 5, 0, 50_000, profile, kafka,
                        kafkaLib, standby, state)
                : new BenchOptions(false, out, Duration.ofSeconds(4), Duration.ofSeconds(8), 20, 20, 200_000,
                        profile, kafka, kafkaLib, standby, state);
    }
}
