package io.siha.node.store;

import io.siddhi.core.table.record.RecordTableHandler;
import io.siddhi.core.table.record.RecordTableHandlerManager;
import io.siha.node.engine.OutputGate;
import io.siha.node.output.OutputId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Gives every {@code @store} table of every app an {@link HaRecordTableHandler}, and carries their written marks
 * between terms, keyed by Siddhi's handler id (app, table, handler class), which both nodes compute alike.
 */
public final class HaRecordTableHandlerManager extends RecordTableHandlerManager {

    private final OutputGate gate;
    private final List<HaRecordTableHandler> handlers = new CopyOnWriteArrayList<>();

    public HaRecordTableHandlerManager(OutputGate gate) {
        this.gate = gate;
    }

    @Override
    public RecordTableHandler generateRecordTableHandler() {
        HaRecordTableHandler handler = new HaRecordTableHandler(gate);
        handlers.add(handler);
        return handler;
    }

    /** Each store table's newest write, by handler id. */
    public Map<String, OutputId> writtenMarks() {
        Map<String, OutputId> marks = new LinkedHashMap<>();
        for (HaRecordTableHandler handler : handlers) {
            OutputId mark = handler.writtenMark();
            if (!mark.equals(OutputId.NONE)) {
                marks.put(handler.getId(), mark);
            }
        }
        return marks;
    }

    /** Gives each table the mark an earlier term reported for it; marks of other keys are ignored. */
    public void advanceWritten(Map<String, OutputId> marks) {
        for (HaRecordTableHandler handler : handlers) {
            OutputId mark = marks.get(handler.getId());
            if (mark != null) {
                handler.advanceWritten(mark);
            }
        }
    }
}
