package io.siha.node.bench;

import io.siha.node.demo.OutputCheck;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;

/** What one bench run measured, printed as a table and the one-line summary scripts parse. */
final class BenchResults {

    final Map<BenchApps, Double> inProcessEps = new EnumMap<>(BenchApps.class);
    final Map<BenchApps, Double> aloneEps = new EnumMap<>(BenchApps.class);
    final Map<BenchApps, Double> haEps = new EnumMap<>(BenchApps.class);
    long replP50Micros;
    long replP99Micros;
    long replSamples;
    long queueBytesPerEvent;
    StateFootprint stateFootprint;
    SourceVersusIngestRun.Outcome httpIntake;
    OutputDeliveryRun.Outcome outputDelivery;
    FailoverRun.Outcome fastFailover;
    FailoverRun.Outcome defaultFailover;

    void printTable(PrintStream out) {
        out.println();
        out.println("| measure | filter | 1 s window, group by |");
        out.println("|---|---:|---:|");
        row(out, "in-process, events/s", inProcessEps);
        row(out, "node alone (no passive), acked events/s", aloneEps);
        row(out, "HA pair (ack after the passive), acked events/s", haEps);
        out.printf("| HA / alone | %.2f | %.2f |%n", ratio(haEps, aloneEps, BenchApps.FILTER),
                ratio(haEps, aloneEps, BenchApps.WINDOW));
        out.printf("| alone / in-process | %.2f | %.2f |%n", ratio(aloneEps, inProcessEps, BenchApps.FILTER),
                ratio(aloneEps, inProcessEps, BenchApps.WINDOW));
        out.println();
        out.println("| measure | value |");
        out.println("|---|---:|");
        out.printf("| ack wait for the passive at %,d events/s: p50 / p99 (%,d acks) | %d / %d us |%n",
                ReplicationLatencyRun.EVENTS_PER_SECOND, replSamples, replP50Micros, replP99Micros);
        out.printf("| passive's queue, heap per event (3 attributes, 36-char id) | %d bytes |%n",
                queueBytesPerEvent);
        out.printf("| a length window of %,d such events: heap / snapshot per event, one snapshot | %d / %d bytes,"
                + " %d ms |%n", stateFootprint.events(), stateFootprint.heapBytesPerEvent(),
                stateFootprint.snapshotBytesPerEvent(), stateFootprint.snapshotMillis());
        httpRows(out);
        failoverRow(out, fastFailover);
        failoverRow(out, defaultFailover);
        out.println();
    }

    private void httpRows(PrintStream out) {
        SourceVersusIngestRun.Intake source = httpIntake.source();
        SourceVersusIngestRun.Intake ingest = httpIntake.ingest();
        out.printf("| HTTP into the counting app, HA pair, %d clients x batches of %d, acked events/s: the app's own"
                        + " source / the node's ingest port | %,.0f / %,.0f |%n", HttpLoad.CLIENTS, HttpLoad.BATCH,
                source.eventsPerSecond(), ingest.eventsPerSecond());
        out.printf("| ... source / ingest | %.2f |%n", httpIntake.sourceVsIngest());
        out.printf("| ... events acknowledged / counted / lost / duplicated: source; ingest | %s; %s |%n",
                counts(source.events()), counts(ingest.events()));
        out.printf("| HTTP sink relaying every event, saturating input: outputs delivered per second | %,.0f |%n",
                outputDelivery.outputsPerSecond());
        out.printf("| ... input acknowledged meanwhile, events/s (%,d requests refused, sent again) | %,.0f |%n",
                outputDelivery.refused(), outputDelivery.inputPerSecond());
        out.printf("| ... events acknowledged / counted / lost / duplicated | %s |%n", counts(outputDelivery.orders()));
        out.printf("| ... outputs expected / arrived / lost / repeated | %s |%n", outputs(outputDelivery.outputs()));
    }

    /**
     * The last line of the run, exactly as the README states it; the binary throughput figures are the filter
     * app's, the HTTP ones the counting app's, the failover, output gap and takeover figures the 200 ms x 2 timing's
     * (its pair cold: {@code bench --standby} compares the two modes).
     */
    String resultLine() {
        return String.format("RESULT failover_p50_ms=%d failover_p99_ms=%d lease_ms=%d ha_eps=%.0f alone_eps=%.0f"
                        + " inprocess_eps=%.0f ha_vs_alone=%.2f alone_vs_inprocess=%.2f repl_p99_us=%d"
                        + " queue_bytes_per_event=%d source_http_eps=%.0f ingest_http_eps=%.0f source_vs_ingest=%.2f"
                        + " outputs_per_s=%.0f outputs_input_eps=%.0f output_gap_p50_ms=%d output_gap_p99_ms=%d"
                        + " takeover_p99_ms=%d standby=%s state_heap_bytes_per_event=%d",
                Percentiles.of(fastFailover.failoverMs(), 50), Percentiles.of(fastFailover.failoverMs(), 99),
                fastFailover.leaseMs(), haEps.get(BenchApps.FILTER), aloneEps.get(BenchApps.FILTER),
                inProcessEps.get(BenchApps.FILTER), ratio(haEps, aloneEps, BenchApps.FILTER),
                ratio(aloneEps, inProcessEps, BenchApps.FILTER), replP99Micros, queueBytesPerEvent,
                httpIntake.source().eventsPerSecond(), httpIntake.ingest().eventsPerSecond(),
                httpIntake.sourceVsIngest(), outputDelivery.outputsPerSecond(), outputDelivery.inputPerSecond(),
                Percentiles.of(fastFailover.outputGapsMs(), 50), Percentiles.of(fastFailover.outputGapsMs(), 99),
                fastFailover.takeoverMs().isEmpty() ? -1 : Percentiles.of(fastFailover.takeoverMs(), 99),
                fastFailover.standby().nodeValue(), stateFootprint.heapBytesPerEvent());
    }

    private static void row(PrintStream out, String name, Map<BenchApps, Double> eps) {
        out.printf("| %s | %,.0f | %,.0f |%n", name, eps.get(BenchApps.FILTER), eps.get(BenchApps.WINDOW));
    }

    private static double ratio(Map<BenchApps, Double> top, Map<BenchApps, Double> bottom, BenchApps app) {
        return top.get(app) / bottom.get(app);
    }

    private static void failoverRow(PrintStream out, FailoverRun.Outcome outcome) {
        if (outcome == null) {
            return;
        }
        var ms = outcome.failoverMs();
        out.printf("| SIGKILL to first ack by the new active, lease %d ms, %d kills: p50 / p99 / max "
                        + "| %d / %d / %d ms |%n", outcome.leaseMs(), ms.size(), Percentiles.of(ms, 50),
                Percentiles.of(ms, 99), Percentiles.of(ms, 100));
        // Negative when even the slowest failover beat a whole lease: a kill comes after the last renewal.
        out.printf("| ... p99 minus the lease | %d ms |%n", Percentiles.of(ms, 99) - outcome.leaseMs());
        out.printf("| ... events acknowledged / counted / lost / duplicated | %s |%n", counts(outcome.events()));
        var gaps = outcome.outputGapsMs();
        out.printf("| ... output gap (last output before the kill to the first after), %d kills: p50 / p99 / max"
                        + " | %d / %d / %d ms |%n", gaps.size(), Percentiles.of(gaps, 50), Percentiles.of(gaps, 99),
                Percentiles.of(gaps, 100));
        out.printf("| ... outputs (every %dth order) expected / arrived / lost / repeated | %s |%n",
                FailoverRun.RELAY_EVERY, outputs(outcome.outputs()));
    }

    private static String counts(AckedAndCounted events) {
        return String.format("%,d / %,d / %d / %d", events.acked(), events.counted(), events.lost(),
                events.duplicated());
    }

    /** Repeats under another id would be a fault (a receiver could not drop them); the same id, a known repeat. */
    private static String outputs(OutputCheck check) {
        return String.format("%,d / %,d / %d / %d (%d under another id)", check.expected(), check.arrived(),
                check.lost(), check.duplicated(), check.underAnotherId());
    }
}
