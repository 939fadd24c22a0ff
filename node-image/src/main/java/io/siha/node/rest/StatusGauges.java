package io.siha.node.rest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * The figures of {@code /v1/status} that are state rather than events, as gauges: role, epoch, readiness, the queue,
 * the snapshots' progress and age, the heap. They read one {@link NodeStatus} taken per scrape ({@link #refresh}), so
 * the figures of one scrape agree with each other and the node's status is computed once, not once per gauge.
 */
final class StatusGauges {

    /** Null until the first scrape, which sets it before anything reads it. */
    private volatile NodeStatus current;

    StatusGauges(MeterRegistry registry) {
        gauge(registry, "siha.active", "1 while this node is the active node", s -> flag(s.role().equals("active")));
        gauge(registry, "siha.ready", "1 while active with its ingest ports open", s -> flag(s.ready()));
        gauge(registry, "siha.degraded", "1 while active without a passive in sync: acknowledgements wait for"
                + " snapshots", s -> flag(s.degraded()));
        gauge(registry, "siha.epoch", "epoch of the current (active) or last seen (passive) term", NodeStatus::epoch);
        gauge(registry, "siha.peer.connected", "1 while the event sync connection to the peer is up",
                s -> flag(s.peerConnected()));
        gauge(registry, "siha.last.sequence", "newest event sequence number processed (active) or queued (passive)",
                NodeStatus::lastSeq);
        gauge(registry, "siha.queue.depth", "events in the passive's queue", NodeStatus::queueDepth);
        gauge(registry, "siha.queue.capacity", "bound of the passive's queue, in events", NodeStatus::queueCapacity);
        gauge(registry, "siha.snapshot.revision", "newest snapshot revision", NodeStatus::lastRevision);
        gauge(registry, "siha.snapshot.sequence", "sequence number the newest snapshot covers",
                NodeStatus::lastPersistedSeq);
        Gauge.builder("siha.snapshot.age", this, g -> g.read(s -> ageSeconds(s.snapshotAgeMs())))
                .description("time since the active wrote its last snapshot; -1 on a passive, which writes none")
                .baseUnit("seconds").register(registry);
        bytes(registry, "siha.heap.live", "heap in use after the last garbage collection",
                s -> s.memory().liveAfterGcBytes());
        bytes(registry, "siha.heap.max", "the heap's maximum", s -> s.memory().maxHeapBytes());
        gauge(registry, "siha.refusing.for.memory", "1 while new events are refused because the state outgrows the"
                + " heap", s -> flag(s.memory().refusing() != null));
        FunctionCounter.builder("siha.refused.for.memory.events", this, g -> g.read(s -> s.memory().refusedEvents()))
                .description("events refused because the state outgrows the heap").register(registry);
        gauge(registry, "siha.outputs.pending", "outputs of all the apps' sinks waiting for their receivers",
                NodeStatus::outputsPending);
        gauge(registry, "siha.apply.backlog", "events the active took that Siddhi has not processed yet",
                NodeStatus::applyBacklog);
        gauge(registry, "siha.standby.hot", "1 while this node runs hot standbys as the passive (spec.standby: Hot"
                + " and apps that allow it)", s -> flag(s.standby().mode().equals("hot")));
        gauge(registry, "siha.standby.applied.sequence", "the last event the passive's hot standby applied; -1 when"
                + " none runs", s -> s.standby().appliedSeq());
        FunctionCounter.builder("siha.standby.resyncs", this, g -> g.read(s -> s.standby().resyncs()))
                .description("snapshots the hot standbys restored, the first ones included").register(registry);
        FunctionCounter.builder("siha.standby.divergences", this, g -> g.read(s -> s.standby().divergences()))
                .description("digests of the active's state the hot standby's did not match (each resynchronised)")
                .register(registry);
    }

    /** The status the next scrape reads. */
    void refresh(NodeStatus status) {
        current = status;
    }

    private double read(ToDoubleFunction<NodeStatus> value) {
        NodeStatus now = current;
        return now == null ? Double.NaN : value.applyAsDouble(now);
    }

    private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<NodeStatus> value) {
        Gauge.builder(name, this, g -> g.read(value)).description(help).register(registry);
    }

    private void bytes(MeterRegistry registry, String name, String help, ToDoubleFunction<NodeStatus> value) {
        Gauge.builder(name, this, g -> g.read(value)).description(help).baseUnit("bytes").register(registry);
    }

    private static double flag(boolean on) {
        return on ? 1 : 0;
    }

    private static double ageSeconds(long millis) {
        return millis < 0 ? -1 : millis / 1000.0;
    }
}
