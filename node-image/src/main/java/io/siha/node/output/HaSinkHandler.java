package io.siha.node.output;

import io.siddhi.core.event.Event;
import io.siddhi.core.stream.output.sink.SinkHandler;
import io.siddhi.core.stream.output.sink.SinkHandlerCallback;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.query.api.definition.StreamDefinition;
import io.siha.node.crash.FatalErrors;
import io.siha.node.engine.OutputGate;
import io.siha.node.metrics.SinkMeter;
import io.siha.node.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Sits in front of one sink's mapper (Siddhi calls it instead of sending): every output gets its {@link OutputId} and
 * waits in the sink's {@link SinkOutbox}; one delivery thread per sink hands the outputs to the sink in order, only
 * while the node's output gate is open (active, after the takeover) and once the output's input is durable, and
 * takes the next only once the sink returned:
 * a sink that throws (a receiver answering 503, or not at all) gets the same output again after a backoff of 100 ms
 * doubling to 5 s, for as long as it fails. A sink that sends without waiting ({@link OutputBatch}) is handed up to
 * {@link #MAX_BATCH} released outputs in a row and waits for them once; until then none of them counts as delivered,
 * and a failure hands the whole batch over again. Nothing is dropped; a backlog beyond {@link #MAX_PENDING} makes the
 * active refuse new events until it drains.
 */
final class HaSinkHandler extends SinkHandler<SinkOutbox> {

    /** Outputs one sink may have waiting before the pair stops taking events. */
    static final int MAX_PENDING = 10_000;
    /**
     * Outputs a batching sink is handed before it waits for them: bounds what one failure hands over again and what
     * one Kafka transaction holds.
     */
    static final int MAX_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(HaSinkHandler.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long IDLE_WAIT_MS = 50;

    private final OutputGate gate;
    private final IntSupplier pendingCount = this::pending;
    private volatile SinkOutbox outbox;
    private volatile SinkHandlerCallback callback;
    private volatile StreamDefinition definition;
    private volatile String stream;
    private volatile SinkMeter meter = SinkMeter.DETACHED;
    private volatile boolean closed;
    private Thread delivery;
    /** Whether the sink deferred a batch: from then on it is handed runs of outputs, not one at a time. */
    private boolean batching;
    /** A mark given before the outbox existed (no snapshot restored one), applied when it does. */
    private OutputId carriedMark = OutputId.NONE;

    HaSinkHandler(OutputGate gate) {
        this.gate = gate;
    }

    @Override
    public StateFactory<SinkOutbox> init(StreamDefinition definition, SinkHandlerCallback callback) {
        this.callback = callback;
        this.definition = definition;
        this.stream = definition.getId();
        return () -> {
            SinkOutbox created = new SinkOutbox();
            attach(created);
            return created;
        };
    }

    @Override
    public void handle(Event event, SinkHandlerCallback callback, SinkOutbox state) {
        attach(state);
        admit(state, event);
    }

    @Override
    public void handle(Event[] events, SinkHandlerCallback callback, SinkOutbox state) {
        attach(state);
        for (Event event : events) {
            admit(state, event);
        }
    }

    private void admit(SinkOutbox state, Event event) {
        OutputId id = state.nextId(OutputOrigin.current());
        if (state.add(id, event.getTimestamp(), event.getData().clone()) == SinkOutbox.Admission.OUT_OF_ORDER) {
            meter.dropped();
            failures.warn("dropped " + stream, "output {} of stream {} dropped: its id is not after the last one "
                    + "waiting, which should never happen", id, stream);
        }
    }

    /** From now on this sink counts on {@code sinkMeter}, whose pending gauge includes this outbox. */
    void bind(SinkMeter sinkMeter) {
        meter = sinkMeter;
        sinkMeter.track(pendingCount);
    }

    /** The newest output the receiver took, or {@link OutputId#NONE}. */
    OutputId deliveredMark() {
        SinkOutbox current = outbox;
        return current == null ? OutputId.NONE : current.deliveredMark();
    }

    /** What an earlier term's receiver took, as its passive heard: not to be sent again. */
    synchronized void advanceDelivered(OutputId mark) {
        if (mark.after(carriedMark)) {
            carriedMark = mark;
        }
        if (outbox != null) {
            outbox.advanceDelivered(carriedMark);
        }
    }

    /** Outputs waiting for the receiver. */
    int pending() {
        SinkOutbox current = outbox;
        return current == null ? 0 : current.size();
    }

    String stream() {
        return stream;
    }

    StreamDefinition definition() {
        return definition;
    }

    private synchronized void attach(SinkOutbox state) {
        if (outbox == state || closed) {
            return;
        }
        outbox = state;
        state.advanceDelivered(carriedMark);
        if (delivery == null) {
            delivery = new Thread(this::deliver, "siha-outputs-" + stream);
            delivery.setDaemon(true);
            delivery.start();
        }
    }

    private void deliver() {
        long backoff = FIRST_BACKOFF_MS;
        while (!closed) {
            try {
                SinkOutbox box = outbox;
                SinkOutbox.Pending head = box.awaitHead(gate::releases, IDLE_WAIT_MS);
                if (head == null) {
                    continue;
                }
                hand(box, batching ? box.releasedRun(MAX_BATCH, gate::releases) : List.of(head));
                backoff = FIRST_BACKOFF_MS;
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                FatalErrors.haltIfFatal("the delivery of outputs to " + stream, e);
                meter.retried();
                failures.warn("output " + stream, "outputs of stream {} not delivered, retrying in {} ms: {}", stream,
                        backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /**
     * Hands {@code outputs} to the sink in order; those a batching sink deferred count as delivered only once the
     * batch completed, those of a sink that returned when done at once.
     */
    private void hand(SinkOutbox box, List<SinkOutbox.Pending> outputs) throws Exception {
        OutputBatch batch = OutputBatch.start();
        List<SinkOutbox.Pending> sent = new ArrayList<>(outputs.size());
        try {
            for (SinkOutbox.Pending output : outputs) {
                OutputIds.set(output.id());
                try {
                    callback.mapAndSend(new Event(output.timestamp(), output.data()));
                } finally {
                    OutputIds.clear();
                }
                if (batch.deferred()) {
                    batching = true;
                    sent.add(output);
                } else {
                    box.delivered(output);
                    meter.delivered();
                }
            }
            batch.complete();
        } catch (Exception | Error e) {
            batch.abandon();
            throw e;
        } finally {
            OutputBatch.end();
        }
        for (SinkOutbox.Pending output : sent) {
            box.delivered(output);
            meter.delivered();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    /** Stops delivering: the runtime is shutting down. What is pending stays in the snapshot it is part of. */
    synchronized void close() {
        closed = true;
        meter.untrack(pendingCount);
        if (delivery != null) {
            delivery.interrupt();
        }
    }
}
