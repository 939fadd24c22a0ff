package io.siha.node.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.siddhi.query.api.definition.Attribute;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.ingest.InputSource;

import java.util.ArrayList;
import java.util.List;

/**
 * A program, not a test: what the meters on the active's hot path cost, per batch of 100 events, in nanoseconds of one
 * thread: counting a request's events ({@link EventsInMeter#count}) and recording its acknowledgement's wait
 * ({@link AckWaitMeter#record}), the two meters each ingest request passes. The whole-pair figure (bench) is too noisy
 * on a shared machine to show a cost this small; this isolates it.
 * Run: {@code java -cp <test classpath> io.siha.node.metrics.HotPathMetersBenchmark [seconds]}.
 */
public final class HotPathMetersBenchmark {

    private HotPathMetersBenchmark() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NodeMeters meters = NodeMeters.on(registry);
        StreamInput orders = new StreamInput("Counter", "Orders", List.of(new Attribute("region",
                Attribute.Type.STRING), new Attribute("amount", Attribute.Type.LONG)), null);
        List<IncomingEvent> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(new IncomingEvent(orders, "id-" + i, 0, new Object[] {"eu", (long) i}));
        }
        for (int round = 0; round < 3; round++) { // the last round is the figure; the first ones warm the JIT
            long batches = 0;
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long started = System.nanoTime();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 1_000; i++) {
                    meters.eventsIn().count(InputSource.BINARY_PORT, batch);
                    meters.ackWait().record(80_000 + (i & 1023) * 100L);
                }
                batches += 1_000;
            }
            double nanosPerBatch = (System.nanoTime() - started) / (double) batches;
            System.out.printf("round %d: %.1f ns per batch of 100 events (%.2f ns an event), %,d batches%n", round,
                    nanosPerBatch, nanosPerBatch / 100, batches);
        }
        System.out.println(registry.scrape().lines().filter(l -> l.startsWith("siha_events_in_total")).findFirst()
                .orElse(""));
    }
}
