package io.siha.node.extensions;

import io.siddhi.core.config.SiddhiAppContext;
import io.siddhi.core.event.Event;
import io.siddhi.core.stream.input.InputHandler;
import io.siddhi.core.stream.input.source.SourceHandler;
import io.siddhi.core.stream.input.source.SourceHandlerManager;
import io.siddhi.core.stream.input.source.SourceSyncCallback;
import io.siddhi.core.util.snapshot.state.State;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.query.api.definition.StreamDefinition;

/**
 * How many events a source's mapper handed to the node's source handler on this thread. A mapper that cannot map a
 * payload (malformed JSON, a value of the wrong type, a missing attribute) logs it and drops it without telling its
 * source; a source of the node's own that answers its transport (the HTTP source's reply) counts here what its
 * payload became, and answers a payload that became nothing with an error, not a 200.
 *
 * <p>It counts by sitting in front of the node's source handler: {@link #around} wraps the manager that makes them.
 * It also hands a batch of one over as one event, so that a payload that became one event has the source's key
 * (an HTTP request's {@code Idempotency-Key}) as its id with every mapper, and {@code key#i} only a payload of several.
 */
public final class DeliveryCount {

    private static final ThreadLocal<int[]> HANDED = ThreadLocal.withInitial(() -> new int[1]);

    private DeliveryCount() {
    }

    /** Starts counting afresh on this thread: call before handing a payload to the mapper. */
    public static void reset() {
        HANDED.get()[0] = 0;
    }

    /** The events the mapper handed over on this thread since {@link #reset} (refused ones included). */
    public static int handed() {
        return HANDED.get()[0];
    }

    /** A manager whose handlers count, then do what {@code handlers}' do. */
    static SourceHandlerManager around(SourceHandlerManager handlers) {
        return new SourceHandlerManager() {
            @Override
            public SourceHandler generateSourceHandler() {
                return new Counting(handlers.generateSourceHandler());
            }
        };
    }

    /** Counts, then hands over to the handler it wraps, with the state Siddhi keeps for it (the wrapped one's). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Counting extends SourceHandler<State> {

        private final SourceHandler delegate;

        Counting(SourceHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public StateFactory init(String elementId, SourceSyncCallback callback, StreamDefinition definition,
                                 SiddhiAppContext context) {
            return delegate.init(elementId, callback, definition, context);
        }

        @Override
        public void sendEvent(Event event, String[] transportSyncProperties, State state, InputHandler handler)
                throws InterruptedException {
            HANDED.get()[0]++;
            delegate.sendEvent(event, transportSyncProperties, state, handler);
        }

        @Override
        public void sendEvent(Event[] events, String[] transportSyncProperties, State state, InputHandler handler)
                throws InterruptedException {
            HANDED.get()[0] += events.length;
            // A batch of one is that event: its id is the source's key, whichever mapper made it (the text and XML
            // mappers hand every payload over as a batch, the JSON one a single object as one event).
            if (events.length == 1) {
                delegate.sendEvent(events[0], transportSyncProperties, state, handler);
            } else {
                delegate.sendEvent(events, transportSyncProperties, state, handler);
            }
        }
    }
}
