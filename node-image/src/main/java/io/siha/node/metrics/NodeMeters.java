package io.siha.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The node's own meters, measured where each thing happens and kept across terms. The figures that are state rather
 * than events (role, epoch, queue depth, snapshot age, heap) are gauges over {@code /v1/status} instead
 * ({@code io.siha.node.rest.StatusGauges}).
 *
 * @param eventsIn   events the active took
 * @param ackWait    how long acknowledgements waited for the passive
 * @param snapshots  the active's snapshots: duration, size, failures
 * @param takeovers  takeover steps, takeovers completed and abandoned
 * @param sinks      each sink's outputs
 * @param lostEvents acknowledged events found lost at a takeover (both nodes failed in turn)
 */
public record NodeMeters(EventsInMeter eventsIn, AckWaitMeter ackWait, SnapshotMeter snapshots,
                         TakeoverMeter takeovers, SinkMeters sinks, Counter lostEvents) {

    public static NodeMeters on(MeterRegistry registry) {
        return new NodeMeters(new EventsInMeter(registry), new AckWaitMeter(registry), new SnapshotMeter(registry),
                new TakeoverMeter(registry), new SinkMeters(registry), Counter.builder("siha.lost.events")
                        .description("acknowledged events found lost at a takeover (both nodes failed in turn)")
                        .register(registry));
    }

    /** Meters no one scrapes, for parts run outside a node (tests). */
    public static NodeMeters unscraped() {
        return on(new SimpleMeterRegistry());
    }
}
