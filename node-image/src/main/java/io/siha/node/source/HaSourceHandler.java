package io.siha.node.source;

import io.siddhi.core.config.SiddhiAppContext;
import io.siddhi.core.event.Event;
import io.siddhi.core.stream.input.InputHandler;
import io.siddhi.core.stream.input.source.SourceHandler;
import io.siddhi.core.stream.input.source.SourceSyncCallback;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.query.api.definition.StreamDefinition;
import io.siha.node.engine.NoHandlerState;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvents;
import io.siha.node.ingest.InputSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sits between a {@code @source}'s mapper and its stream (Siddhi calls it instead of the stream's input handler) and
 * sends every mapped event the way of an ingest port's: checked against the stream's attribute types, a sequence
 * number, replicated to the passive and applied in that order. It returns only once the pair holds the event and has
 * applied it, so a source that answers its transport after handing the event over (an HTTP reply, a Kafka offset kept
 * as state) answers only for held events, and a slow passive slows the source instead of piling events up. (Handed
 * over on the apply thread itself, by a sink feeding an in-memory source, it waits only until the pair holds it.)
 */
final class HaSourceHandler extends SourceHandler<NoHandlerState> {

    private final SourceIntake intake;
    private final SourceSyncCallbacks syncCallbacks;
    private final InputSource source;
    private String app;
    private StreamDefinition definition;

    HaSourceHandler(SourceIntake intake, SourceSyncCallbacks syncCallbacks, InputSource source) {
        this.intake = intake;
        this.syncCallbacks = syncCallbacks;
        this.source = source;
    }

    @Override
    public StateFactory<NoHandlerState> init(String elementId, SourceSyncCallback callback, StreamDefinition definition,
                                      SiddhiAppContext context) {
        this.app = context.getName();
        this.definition = definition;
        syncCallbacks.register(app, definition.getId(), callback);
        return NoHandlerState::new;
    }

    /**
     * One event. A source that knows an id for what it delivers (an HTTP request's {@code Idempotency-Key}) passes it as
     * the first transport sync property: a repeat of that id is then counted once, as a repeated ingest {@code $id}.
     */
    @Override
    public void sendEvent(Event event, String[] transportSyncProperties, NoHandlerState state, InputHandler handler) {
        SourceRefusals.clear();
        hold(submit(event, SourceEventIds.single(transportSyncProperties), handler));
    }

    /**
     * A batch: processed one event at a time, as the ingest ports feed them, so a replay processes it exactly as it was
     * processed; then one wait until the pair holds them all (waiting after each event made an HTTP source take a
     * third of what the ingest port takes). A refusal stops the batch there: what came before it was taken, under its
     * ids, so the client's retry of the whole request counts each event once.
     */
    @Override
    public void sendEvent(Event[] events, String[] transportSyncProperties, NoHandlerState state, InputHandler handler) {
        SourceRefusals.clear();
        List<CompletableFuture<Void>> submitted = new ArrayList<>(events.length);
        for (int i = 0; i < events.length; i++) {
            CompletableFuture<Void> held = submit(events[i], SourceEventIds.ofBatch(transportSyncProperties, i),
                    handler);
            submitted.add(held);
            if (held.isCompletedExceptionally()) {
                break;
            }
        }
        hold(submitted.size() == 1 ? submitted.get(0)
                : CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new)));
    }

    private CompletableFuture<Void> submit(Event event, String eventId, InputHandler handler) {
        StreamInput input = new StreamInput(app, definition.getId(), definition.getAttributeList(), handler);
        try {
            return intake.submit(source, IncomingEvents.fromSource(input, eventId, event.getTimestamp(),
                    event.getData()));
        } catch (RuntimeException e) {
            throw SourceRefusals.record(new SourceEventRefusedException(e.getMessage(), e));
        }
    }

    /**
     * Waits until the pair holds the event, unless the source batches its waits ({@link BatchedHolds}). A refusal is
     * thrown into Siddhi, which gives it to the source's error handling (by default an ERROR line), and is kept for a
     * source of the node's own that asks after delivering.
     */
    private static void hold(CompletableFuture<Void> held) {
        // A refusal (not active, memory, a sink's backlog) comes as a future failed at once: it is one, batched or not.
        if (!held.isCompletedExceptionally() && BatchedHolds.add(held)) {
            return;
        }
        try {
            held.join();
        } catch (CompletionException e) {
            throw SourceRefusals.record(new SourceEventRefusedException(e.getCause().getMessage(), e.getCause()));
        }
    }
}
