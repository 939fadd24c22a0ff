package io.siha.node.crash;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic task that outlives its failures. A scheduled executor silently cancels a task whose run throws, so an
 * uncaught failure of a snapshot task once stopped all snapshots of a node with no log line while the node kept
 * reporting itself healthy. Wrapped, each run's failure is logged and the next run comes as scheduled; a
 * {@link VirtualMachineError} stops the process ({@link FatalErrors}).
 */
public final class SurvivingTask implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SurvivingTask.class);

    private final String name;
    private final Runnable task;

    private SurvivingTask(String name, Runnable task) {
        this.name = name;
        this.task = task;
    }

    public static Runnable of(String name, Runnable task) {
        return new SurvivingTask(name, task);
    }

    @Override
    public void run() {
        try {
            task.run();
        } catch (Throwable failure) {
            FatalErrors.haltIfFatal(name, failure);
            log.error("{} failed; it runs again as scheduled", name, failure);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
