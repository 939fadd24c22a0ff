package io.siha.node.engine;

/**
 * Whether this node may emit output, and which outputs. Closed the instant the node stops being active, so a fenced
 * node's sinks go quiet even while its runtime is still being shut down. While open, an output goes out only once the
 * input that produced it is durable (the passive holds it, or a snapshot covers it): an input lost with a crashed
 * active was never acknowledged, its client sends it again, and the new active's output for it must be the only one.
 */
public final class OutputGate {

    private volatile boolean writes;
    private volatile boolean open;
    private volatile long durableThrough;

    public boolean isOpen() {
        return open;
    }

    /**
     * Whether the runtime may write to {@code @store} tables: from the moment this node's term holds the persistence
     * fence, replay included, to the moment it ends. Unlike a sink's output, a write cannot wait for its input to be
     * durable: the app may read it back at once.
     */
    public boolean writes() {
        return writes;
    }

    /** This node's term holds the fence: its runtime may write to stores; sinks still wait for {@link #open()}. */
    public void startTerm() {
        writes = true;
    }

    /** Whether the outputs of input {@code seq} may go out now. */
    public boolean releases(long seq) {
        return open && seq <= durableThrough;
    }

    public void open() {
        open = true;
    }

    /** Every input up to {@code seq} is durable; marks only grow within a term. */
    public synchronized void durableThrough(long seq) {
        if (seq > durableThrough) {
            durableThrough = seq;
        }
    }

    /** Closes the gate; the next term starts from its own durable mark. */
    public synchronized void close() {
        writes = false;
        open = false;
        durableThrough = 0;
    }
}
