package io.siha.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.ingest.InputSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code siha_events_in_total}: events the active took, by app, stream and the way they came in. Counted once per run of
 * one stream in a batch (an ingest request or frame is one stream), not per event: one map lookup and one add per
 * request on the hot path.
 */
public final class EventsInMeter {

    static final String NAME = "siha.events.in";

    private record Key(String app, String stream, String source) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    public EventsInMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts {@code events}, which came in through {@code source}. */
    public void count(InputSource source, List<IncomingEvent> events) {
        StreamInput run = null;
        int length = 0;
        for (IncomingEvent event : events) {
            if (event.input() != run) {
                add(run, source, length);
                run = event.input();
                length = 0;
            }
            length++;
        }
        add(run, source, length);
    }

    /**
     * Makes the series of every app's streams through both ingest ports exist from 0, before their first event: a
     * counter that appears at its first value hides that value from {@code rate()} and {@code increase()}.
     *
     * @param streamsByApp each app's stream names
     */
    public void expectPorts(Map<String, Set<String>> streamsByApp) {
        streamsByApp.forEach((app, streams) -> streams.forEach(stream -> {
            counter(new Key(app, stream, InputSource.HTTP_PORT.label()));
            counter(new Key(app, stream, InputSource.BINARY_PORT.label()));
        }));
    }

    /** Every event counted, over all series. */
    public long total() {
        double sum = 0;
        for (Counter counter : counters.values()) {
            sum += counter.count();
        }
        return Math.round(sum);
    }

    private void add(StreamInput input, InputSource source, int events) {
        if (events > 0) {
            counter(new Key(input.app(), input.stream(), source.label())).increment(events);
        }
    }

    private Counter counter(Key key) {
        Counter known = counters.get(key);
        return known != null ? known : counters.computeIfAbsent(key, k -> Counter.builder(NAME)
                .description("events the active took, by app, stream and the way they came in")
                .tags("app", k.app(), "stream", k.stream(), "source", k.source())
                .register(registry));
    }
}
