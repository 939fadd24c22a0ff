package io.siha.node.engine;

/**
 * Whether this node may emit output. Closed the instant the node stops being active, so a fenced node's
 * sinks go quiet even while its runtime is still being shut down.
 */
public final class OutputGate {

    private volatile boolean open;

    public boolean isOpen() {
        return open;
    }

    public void open() {
        open = true;
    }

    public void close() {
        open = false;
    }
}
