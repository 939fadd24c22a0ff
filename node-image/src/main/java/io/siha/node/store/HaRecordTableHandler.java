package io.siha.node.store;

import io.siddhi.core.exception.ConnectionUnavailableException;
import io.siddhi.core.table.record.RecordTableHandler;
import io.siddhi.core.table.record.RecordTableHandlerCallback;
import io.siddhi.core.util.collection.operator.CompiledCondition;
import io.siddhi.core.util.collection.operator.CompiledExpression;
import io.siddhi.core.util.collection.operator.CompiledSelection;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.query.api.definition.Attribute;
import io.siddhi.query.api.definition.TableDefinition;
import io.siha.node.engine.NoHandlerState;
import io.siha.node.engine.OutputGate;
import io.siha.node.output.OutputId;
import io.siha.node.output.OutputOrigin;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sits in front of one {@code @store} table (Siddhi calls it instead of the store). Reads always go through. A write
 * goes through only while this node's term holds the persistence fence ({@link OutputGate#writes()}), so a fenced or
 * passive node never writes, and only if no earlier term wrote it already: a write is numbered like an output, by the
 * input being processed and its position among that input's writes to this table, and the old active told its
 * passive, every 20 ms with the sinks' delivered marks, the newest write it made. A takeover's replay recomputes the
 * same writes under the same numbers, and skips those up to that mark.
 *
 * <p>Writes are made as the input is processed, not once it is durable (a query may read what it just wrote), so a
 * write newer than the last mark the passive heard is made again by the replay: the inputs of the last 20 ms before a
 * SIGKILL, and an input that was never acknowledged, which its client sends again. The README says how an app makes
 * such a repeat harmless ({@code update or insert into} on a key of the input).
 */
final class HaRecordTableHandler extends RecordTableHandler<NoHandlerState> {

    private final OutputGate gate;
    private volatile String table;
    private OutputId earlierTermMark = OutputId.NONE;
    private volatile OutputId written = OutputId.NONE;
    private long origin;
    private int position;

    HaRecordTableHandler(OutputGate gate) {
        this.gate = gate;
    }

    @Override
    public StateFactory<NoHandlerState> init(String id, TableDefinition definition) {
        table = definition.getId();
        // Nothing to snapshot: writes are synchronous, so a restored state at seq S has made every write of the
        // inputs up to S and none after.
        return NoHandlerState::new;
    }

    String table() {
        return table;
    }

    /** The newest write this table took, or {@link OutputId#NONE}. */
    OutputId writtenMark() {
        return written;
    }

    /** What an earlier term wrote to the store, as its passive heard: not to be written again. */
    synchronized void advanceWritten(OutputId mark) {
        if (mark.after(earlierTermMark)) {
            earlierTermMark = mark;
        }
    }

    /** Numbers the next write; false if an earlier term already made it, so it must be skipped. */
    private synchronized boolean admit() {
        if (!gate.writes()) {
            throw new IllegalStateException("table '" + table + "': this node is not the active (or its term ended),"
                    + " so it writes nothing to the store");
        }
        long seq = OutputOrigin.current();
        if (seq != origin) {
            origin = seq;
            position = 0;
        }
        OutputId id = new OutputId(seq, position++);
        if (!id.after(earlierTermMark)) {
            return false;
        }
        written = id;
        return true;
    }

    @Override
    public void add(long timestamp, List<Object[]> records, RecordTableHandlerCallback callback, NoHandlerState state)
            throws ConnectionUnavailableException {
        if (admit()) {
            callback.add(records);
        }
    }

    @Override
    public void delete(long timestamp, List<Map<String, Object>> conditions, CompiledCondition condition,
                       RecordTableHandlerCallback callback, NoHandlerState state) throws ConnectionUnavailableException {
        if (admit()) {
            callback.delete(conditions, condition);
        }
    }

    @Override
    public void update(long timestamp, CompiledCondition condition, List<Map<String, Object>> conditions,
                       LinkedHashMap<String, CompiledExpression> setExpressions, List<Map<String, Object>> sets,
                       RecordTableHandlerCallback callback, NoHandlerState state) throws ConnectionUnavailableException {
        if (admit()) {
            callback.update(condition, conditions, setExpressions, sets);
        }
    }

    @Override
    public void updateOrAdd(long timestamp, CompiledCondition condition, List<Map<String, Object>> conditions,
                            LinkedHashMap<String, CompiledExpression> setExpressions, List<Map<String, Object>> sets,
                            List<Object[]> records, RecordTableHandlerCallback callback)
            throws ConnectionUnavailableException {
        if (admit()) {
            callback.updateOrAdd(condition, conditions, setExpressions, sets, records);
        }
    }

    @Override
    public Iterator<Object[]> find(long timestamp, Map<String, Object> parameters, CompiledCondition condition,
                                   RecordTableHandlerCallback callback, NoHandlerState state)
            throws ConnectionUnavailableException {
        return callback.find(parameters, condition);
    }

    @Override
    public boolean contains(long timestamp, Map<String, Object> parameters, CompiledCondition condition,
                            RecordTableHandlerCallback callback, NoHandlerState state)
            throws ConnectionUnavailableException {
        return callback.contains(parameters, condition);
    }

    @Override
    public Iterator<Object[]> query(long timestamp, Map<String, Object> parameters, CompiledCondition condition,
                                    CompiledSelection selection, RecordTableHandlerCallback callback, NoHandlerState state)
            throws ConnectionUnavailableException {
        return callback.query(parameters, condition, selection);
    }

    @Override
    public Iterator<Object[]> query(long timestamp, Map<String, Object> parameters, CompiledCondition condition,
                                    CompiledSelection selection, Attribute[] outputAttributes,
                                    RecordTableHandlerCallback callback, NoHandlerState state)
            throws ConnectionUnavailableException {
        return callback.query(parameters, condition, selection, outputAttributes);
    }
}
