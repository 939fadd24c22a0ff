package io.siha.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sinks' meters, one {@link SinkMeter} per sink of every app, labelled {@code app}, {@code stream} and
 * {@code sink} (its type, with its place among the stream's sinks when it has several): the same sink of each runtime
 * the node builds (one per term) counts on the same series.
 */
public final class SinkMeters {

    private record Key(String app, String stream, String sink) {
    }

    private final MeterRegistry registry;
    private final Map<Key, SinkMeter> sinks = new ConcurrentHashMap<>();

    public SinkMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters no one scrapes, for engines built outside a node (validation, tests). */
    public static SinkMeters unscraped() {
        return new SinkMeters(new SimpleMeterRegistry());
    }

    public SinkMeter forSink(String app, String stream, String sink) {
        return sinks.computeIfAbsent(new Key(app, stream, sink),
                k -> new SinkMeter(registry, Tags.of("app", k.app(), "stream", k.stream(), "sink", k.sink())));
    }
}
