package io.siha.node.source;

import io.siddhi.core.config.SiddhiAppContext;
import io.siddhi.core.event.Event;
import io.siddhi.core.stream.input.InputHandler;
import io.siddhi.core.stream.input.source.SourceHandler;
import io.siddhi.core.stream.input.source.SourceSyncCallback;
import io.siddhi.core.util.snapshot.state.State;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.query.api.definition.StreamDefinition;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.ingest.IncomingEvents;

import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Sits between a {@code @source}'s mapper and its stream (Siddhi calls it instead of the stream's input handler) and
 * sends every mapped event the way of an ingest port's: checked against the stream's attribute types, a sequence
 * number, processed, replicated to the passive, under the snapshot barrier. It returns only once the pair holds the
 * event, so a source that answers its transport after handing the event over (an HTTP reply, a Kafka commit) answers
 * only for held events, and a slow passive slows the source instead of piling events up.
 */
final class HaSourceHandler extends SourceHandler<HaSourceHandler.NoState> {

    private final SourceIntake intake;
    private String app;
    private StreamDefinition definition;

    HaSourceHandler(SourceIntake intake) {
        this.intake = intake;
    }

    @Override
    public StateFactory<NoState> init(String elementId, SourceSyncCallback callback, StreamDefinition definition,
                                      SiddhiAppContext context) {
        this.app = context.getName();
        this.definition = definition;
        return NoState::new;
    }

    @Override
    public void sendEvent(Event event, String[] transportSyncProperties, NoState state, InputHandler handler) {
        hold(submit(event, handler));
    }

    @Override
    public void sendEvent(Event[] events, String[] transportSyncProperties, NoState state, InputHandler handler) {
        // One at a time, as the ingest ports feed them: a source's batch is then replayed exactly as it was processed.
        for (Event event : events) {
            hold(submit(event, handler));
        }
    }

    private java.util.concurrent.CompletableFuture<Void> submit(Event event, InputHandler handler) {
        StreamInput input = new StreamInput(app, definition.getId(), definition.getAttributeList(), handler);
        IncomingEvent checked = IncomingEvents.fromSource(input, event.getTimestamp(), event.getData());
        return intake.submit(checked);
    }

    /** Waits until the pair holds the event; a refusal reaches the source as the exception it gets for any error. */
    private static void hold(java.util.concurrent.CompletableFuture<Void> held) {
        try {
            held.join();
        } catch (CompletionException e) {
            throw new SourceEventRefusedException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** No state of its own yet: source positions (a Kafka offset) will live here, inside Siddhi's snapshot. */
    static final class NoState extends State {

        @Override
        public boolean canDestroy() {
            return true;
        }

        @Override
        public Map<String, Object> snapshot() {
            return Map.of();
        }

        @Override
        public void restore(Map<String, Object> state) {
            // nothing kept
        }
    }
}
