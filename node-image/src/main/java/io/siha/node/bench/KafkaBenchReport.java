package io.siha.node.bench;

import io.siha.node.bench.KafkaRelayRun.Figures;
import io.siha.node.bench.KafkaRelayRun.Setup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kafka bench's tables (Markdown, as the README shows them) and its {@code RESULT} line. The fields of the first
 * version of the bench keep their names and meaning (the HA pair's figures); those of the node alone and of the
 * failovers are added.
 */
record KafkaBenchReport(int burst, int paceRate, Duration pace, Map<Setup, Map<String, Figures>> figures,
                        List<KafkaFailoverRun.Outcome> failover) {

    void print(PrintStream out) {
        out.printf("| Kafka in -> relay -> Kafka out | records/s (bursts of %,d, read_committed; mean of 2) |"
                + " produced to read at %d/s: p50 / p99 ms (2 x %d s) | lost / repeated |%n", burst, paceRate,
                pace.toSeconds());
        out.println("|---|---:|---:|---:|");
        for (String delivery : KafkaRelayRun.DELIVERIES) {
            for (Setup setup : Setup.values()) {
                Figures f = of(setup, delivery);
                out.printf("| %s, %s | %,.0f | %d / %d | %d / %d |%n", setup.label, delivery, f.recordsPerSecond(),
                        f.p50Ms(), f.p99Ms(), f.lost(), f.repeated());
            }
            out.printf("| HA / alone acking at once, %s | %.2f | | |%n", delivery, haVersus(Setup.ALONE, delivery));
            out.printf("| HA / alone acking after a snapshot, %s | %.2f | | |%n", delivery,
                    haVersus(Setup.DEGRADED, delivery));
        }
        out.println();
        out.printf("| SIGKILL of the active, %d records/s, %d kills | %s |%n", KafkaFailoverRun.RATE,
                failover.get(0).longestMs().size(), String.join(" | ", KafkaRelayRun.DELIVERIES));
        out.println("|---|---:|---:|");
        out.printf("| longest produced to read, per kill, ms | %s | %s |%n", failover.get(0).longestMs(),
                failover.get(1).longestMs());
        out.printf("| kill to the first output of a record produced after it, per kill, ms | %s | %s |%n",
                failover.get(0).firstOutputMs(), failover.get(1).firstOutputMs());
        out.printf("| produced to read p99 over the run, ms | %d | %d |%n", failover.get(0).p99Ms(),
                failover.get(1).p99Ms());
        out.printf("| produced / lost / repeated (under another id) | %s | %s |%n", counts(failover.get(0)),
                counts(failover.get(1)));
        out.println(resultLine());
    }

    String resultLine() {
        Figures idempotent = of(Setup.HA, "idempotent");
        Figures transactional = of(Setup.HA, "transactional");
        Figures aloneIdempotent = of(Setup.ALONE, "idempotent");
        Figures aloneTransactional = of(Setup.ALONE, "transactional");
        Figures degraded = of(Setup.DEGRADED, "idempotent");
        Figures degradedTransactional = of(Setup.DEGRADED, "transactional");
        KafkaFailoverRun.Outcome kills = failover.get(0);
        KafkaFailoverRun.Outcome txKills = failover.get(1);
        return String.format("RESULT kafka_idempotent_rps=%.0f kafka_transactional_rps=%.0f kafka_tx_vs_idempotent=%.2f"
                        + " kafka_idempotent_p50_ms=%d kafka_idempotent_p99_ms=%d kafka_transactional_p50_ms=%d"
                        + " kafka_transactional_p99_ms=%d"
                        + " kafka_alone_rps=%.0f kafka_ha_vs_alone=%.2f kafka_alone_p50_ms=%d kafka_alone_p99_ms=%d"
                        + " kafka_tx_alone_rps=%.0f kafka_tx_ha_vs_alone=%.2f kafka_tx_alone_p50_ms=%d"
                        + " kafka_tx_alone_p99_ms=%d"
                        + " kafka_degraded_rps=%.0f kafka_ha_vs_degraded=%.2f kafka_degraded_p50_ms=%d"
                        + " kafka_degraded_p99_ms=%d kafka_tx_degraded_rps=%.0f kafka_tx_ha_vs_degraded=%.2f"
                        + " kafka_tx_degraded_p50_ms=%d kafka_tx_degraded_p99_ms=%d"
                        + " kafka_failover_kills=%d kafka_failover_gap_p50_ms=%d kafka_failover_gap_max_ms=%d"
                        + " kafka_failover_first_output_p50_ms=%d kafka_failover_p99_ms=%d kafka_failover_lost=%d"
                        + " kafka_failover_repeated=%d kafka_failover_repeated_other_id=%d"
                        + " kafka_failover_tx_gap_p50_ms=%d kafka_failover_tx_gap_max_ms=%d kafka_failover_tx_lost=%d"
                        + " kafka_failover_tx_repeated=%d",
                idempotent.recordsPerSecond(), transactional.recordsPerSecond(),
                transactional.recordsPerSecond() / idempotent.recordsPerSecond(), idempotent.p50Ms(),
                idempotent.p99Ms(), transactional.p50Ms(), transactional.p99Ms(),
                aloneIdempotent.recordsPerSecond(), haVersus(Setup.ALONE, "idempotent"), aloneIdempotent.p50Ms(),
                aloneIdempotent.p99Ms(), aloneTransactional.recordsPerSecond(), haVersus(Setup.ALONE, "transactional"),
                aloneTransactional.p50Ms(), aloneTransactional.p99Ms(),
                degraded.recordsPerSecond(), haVersus(Setup.DEGRADED, "idempotent"), degraded.p50Ms(),
                degraded.p99Ms(), degradedTransactional.recordsPerSecond(), haVersus(Setup.DEGRADED, "transactional"),
                degradedTransactional.p50Ms(), degradedTransactional.p99Ms(),
                kills.longestMs().size(), kills.gapP50Ms(), kills.gapMaxMs(), kills.firstOutputP50Ms(),
                kills.p99Ms(), kills.lost(), kills.repeated(), kills.underAnotherId(),
                txKills.gapP50Ms(), txKills.gapMaxMs(), txKills.lost(), txKills.repeated());
    }

    private double haVersus(Setup alone, String delivery) {
        return of(Setup.HA, delivery).recordsPerSecond() / of(alone, delivery).recordsPerSecond();
    }

    private Figures of(Setup setup, String delivery) {
        return figures.get(setup).get(delivery);
    }

    private static String counts(KafkaFailoverRun.Outcome outcome) {
        return String.format("%,d / %d / %d (%d)", outcome.produced(), outcome.lost(), outcome.repeated(),
                outcome.underAnotherId());
    }
}
