package io.siha.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.IntSupplier;

/**
 * One sink's outputs, kept across terms: delivered (its receiver took them), retried (an attempt failed and the same
 * output goes again after a backoff), dropped (discarded undelivered: the node's design says never, so it stays 0 and
 * an alert watches it), and pending (waiting in the outbox, over the runtimes alive now: a term's own; a standby's
 * outbox is empty until its takeover restores one).
 */
public final class SinkMeter {

    /** Where a sink handler counts before its engine has bound it to its labels (nothing is delivered before). */
    public static final SinkMeter DETACHED = new SinkMeter(new SimpleMeterRegistry(), Tags.empty());

    private final Counter delivered;
    private final Counter retried;
    private final Counter dropped;
    private final Set<IntSupplier> outboxes = new CopyOnWriteArraySet<>();

    SinkMeter(MeterRegistry registry, Tags tags) {
        delivered = Counter.builder("siha.sink.outputs.delivered")
                .description("outputs the sink's receiver took").tags(tags).register(registry);
        retried = Counter.builder("siha.sink.outputs.retried")
                .description("delivery attempts that failed; the same output is sent again after a backoff")
                .tags(tags).register(registry);
        dropped = Counter.builder("siha.sink.outputs.dropped")
                .description("outputs discarded without delivery; the node never drops one, so this stays 0")
                .tags(tags).register(registry);
        Gauge.builder("siha.sink.outputs.pending", this, SinkMeter::pending)
                .description("outputs waiting in the sink's outbox for its receiver").tags(tags).register(registry);
    }

    public void delivered() {
        delivered.increment();
    }

    public void retried() {
        retried.increment();
    }

    public void dropped() {
        dropped.increment();
    }

    /** Counts {@code outbox}'s waiting outputs in the pending gauge until {@link #untrack}. */
    public void track(IntSupplier outbox) {
        outboxes.add(outbox);
    }

    public void untrack(IntSupplier outbox) {
        outboxes.remove(outbox);
    }

    long pending() {
        long sum = 0;
        for (IntSupplier outbox : outboxes) {
            sum += outbox.getAsInt();
        }
        return sum;
    }
}
