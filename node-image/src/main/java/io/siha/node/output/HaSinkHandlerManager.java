package io.siha.node.output;

import io.siddhi.core.stream.output.sink.SinkHandler;
import io.siddhi.core.stream.output.sink.SinkHandlerManager;
import io.siha.node.engine.OutputGate;
import io.siha.node.metrics.SinkMeters;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Gives every {@code @sink} of every app an {@link HaSinkHandler}, and says when their backlog is too long. */
public final class HaSinkHandlerManager extends SinkHandlerManager {

    private final OutputGate gate;
    private final List<HaSinkHandler> handlers = new CopyOnWriteArrayList<>();

    public HaSinkHandlerManager(OutputGate gate) {
        this.gate = gate;
    }

    @Override
    public SinkHandler generateSinkHandler() {
        HaSinkHandler handler = new HaSinkHandler(gate);
        handlers.add(handler);
        return handler;
    }

    /** Outputs waiting for their receivers, over all sinks. */
    public long pending() {
        return handlers.stream().mapToLong(HaSinkHandler::pending).sum();
    }

    /** Why the pair must stop taking events now (a sink's backlog at its bound), or empty. */
    public Optional<String> backlogRefusal() {
        for (HaSinkHandler handler : handlers) {
            int pending = handler.pending();
            if (pending >= HaSinkHandler.MAX_PENDING) {
                return Optional.of("outputs of stream '" + handler.stream() + "' wait for their receiver: " + pending
                        + " pending, the bound is " + HaSinkHandler.MAX_PENDING + "; new events are taken again once"
                        + " it drains");
            }
        }
        return Optional.empty();
    }

    /**
     * Each sink's delivered mark, by a key that names the same sink on both nodes: Siddhi's handler id (app, stream,
     * handler class) and, for several sinks on one stream, their order in the app.
     */
    public Map<String, OutputId> deliveredMarks() {
        Map<String, OutputId> marks = new LinkedHashMap<>();
        keyed().forEach((key, handler) -> {
            OutputId mark = handler.deliveredMark();
            if (!mark.equals(OutputId.NONE)) {
                marks.put(key, mark);
            }
        });
        return marks;
    }

    /** Gives each sink the mark an earlier term reported for it; marks of sinks this node lacks are ignored. */
    public void advanceDelivered(Map<String, OutputId> marks) {
        keyed().forEach((key, handler) -> {
            OutputId mark = marks.get(key);
            if (mark != null) {
                handler.advanceDelivered(mark);
            }
        });
    }

    /**
     * Binds every sink to its meters, by app, stream and sink; call once the apps' runtimes exist (Siddhi gives a
     * handler its id after creating it).
     */
    public void bindMeters(SinkMeters meters) {
        withOrdinals((handler, ordinal) -> handler.bind(meters.forSink(
                SinkLabels.app(handler.getId(), handler.stream(), HaSinkHandler.class), handler.stream(),
                SinkLabels.sink(handler.definition(), ordinal))));
    }

    private Map<String, HaSinkHandler> keyed() {
        Map<String, HaSinkHandler> byKey = new LinkedHashMap<>();
        withOrdinals((handler, ordinal) -> byKey.put(handler.getId() + "#" + ordinal, handler));
        return byKey;
    }

    /** Each handler with its place among the handlers of the same id (the sinks of one stream), in creation order. */
    private void withOrdinals(BiConsumer<HaSinkHandler, Integer> action) {
        Map<String, Integer> seen = new HashMap<>();
        for (HaSinkHandler handler : handlers) {
            action.accept(handler, seen.merge(handler.getId(), 1, Integer::sum) - 1);
        }
    }

    /** Stops every delivery thread. */
    public void close() {
        handlers.forEach(HaSinkHandler::close);
    }
}
