package io.siha.node.crash;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node does with a {@link VirtualMachineError} (out of memory, stack overflow, an internal error) that reaches
 * one of its own threads: it stops the process at once. After such an error no part of the node can be trusted to do
 * its job, and a node that goes on renewing its lease while its role machinery is broken keeps the peer from taking
 * over (a fault seen here: a takeover died of an OutOfMemoryError and the lease was renewed for minutes while neither
 * node served). A dead process loses its lease within one lease, and the peer takes over with the events it holds.
 *
 * <p>The launch scripts also pass {@code -XX:+ExitOnOutOfMemoryError}, which covers the threads of the libraries
 * (Netty, Siddhi) that catch errors themselves; this class covers ours even when that flag is missing.
 */
public final class FatalErrors {

    /** The exit status of a node stopped by a fatal error; the kubelet restarts the container. */
    public static final int EXIT_STATUS = 3;

    private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);

    private FatalErrors() {
    }

    /** Stops the process if {@code failure} is fatal; returns otherwise. */
    public static void haltIfFatal(String where, Throwable failure) {
        if (failure instanceof VirtualMachineError) {
            halt(where, failure);
        }
    }

    /** Makes every uncaught fatal error of any thread stop the process, and logs the other uncaught failures. */
    public static void installDefaultHandler() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            haltIfFatal("thread " + thread.getName(), failure);
            log.error("thread {} died of an uncaught exception", thread.getName(), failure);
        });
    }

    private static void halt(String where, Throwable failure) {
        try {
            // No stack trace: it needs memory, and the message says which error and where.
            System.err.println("FATAL " + failure + " in " + where + ": stopping the node so that its peer takes over");
            System.err.flush();
        } finally {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
