package io.siha.node.output;

import io.siddhi.core.event.Event;
import io.siddhi.core.stream.output.sink.SinkHandler;
import io.siddhi.core.stream.output.sink.SinkHandlerCallback;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.query.api.definition.StreamDefinition;
import io.siha.node.crash.FatalErrors;
import io.siha.node.engine.OutputGate;
import io.siha.node.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of one sink's mapper (Siddhi calls it instead of sending): every output gets its {@link OutputId} and
 * waits in the sink's {@link SinkOutbox}; one delivery thread per sink hands the outputs to the sink in order, only
 * while the node's output gate is open (active, after the takeover) and once the output's input is durable, and
 * takes the next only once the sink returned:
 * a sink that throws (a receiver answering 503, or not at all) gets the same output again after a backoff of 100 ms
 * doubling to 5 s, for as long as it fails. Nothing is dropped; a backlog beyond {@link #MAX_PENDING} makes the active
 * refuse new events until it drains.
 */
final class HaSinkHandler extends SinkHandler<SinkOutbox> {

    /** Outputs one sink may have waiting before the pair stops taking events. */
    static final int MAX_PENDING = 10_000;
    private static final Logger log = LoggerFactory.getLogger(HaSinkHandler.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long IDLE_WAIT_MS = 50;

    private final OutputGate gate;
    private volatile SinkOutbox outbox;
    private volatile SinkHandlerCallback callback;
    private volatile String stream;
    private volatile boolean closed;
    private Thread delivery;
    /** A mark given before the outbox existed (no snapshot restored one), applied when it does. */
    private OutputId carriedMark = OutputId.NONE;

    HaSinkHandler(OutputGate gate) {
        this.gate = gate;
    }

    @Override
    public StateFactory<SinkOutbox> init(StreamDefinition definition, SinkHandlerCallback callback) {
        this.callback = callback;
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
        state.add(state.nextId(OutputOrigin.current()), event.getTimestamp(), event.getData().clone());
    }

    @Override
    public void handle(Event[] events, SinkHandlerCallback callback, SinkOutbox state) {
        attach(state);
        for (Event event : events) {
            state.add(state.nextId(OutputOrigin.current()), event.getTimestamp(), event.getData().clone());
        }
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
                OutputIds.set(head.id());
                try {
                    callback.mapAndSend(new Event(head.timestamp(), head.data()));
                } finally {
                    OutputIds.clear();
                }
                box.delivered(head);
                backoff = FIRST_BACKOFF_MS;
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                FatalErrors.haltIfFatal("the delivery of outputs to " + stream, e);
                failures.warn("output " + stream, "outputs of stream {} not delivered, retrying in {} ms: {}", stream,
                        backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
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
        if (delivery != null) {
            delivery.interrupt();
        }
    }
}
