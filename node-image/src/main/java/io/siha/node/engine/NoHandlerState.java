package io.siha.node.engine;

import io.siddhi.core.util.snapshot.state.State;

import java.util.Map;

/** The state of a Siddhi handler that keeps nothing in the snapshot (Siddhi wants one from every handler). */
public final class NoHandlerState extends State {

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
