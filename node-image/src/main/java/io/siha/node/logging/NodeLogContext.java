package io.siha.node.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.MDCAdapter;

import java.util.HashMap;
import java.util.Map;

/**
 * What every log line of this node carries in its MDC, whichever thread writes it: the node's id, its role and its
 * epoch. They are the node's, not a thread's: a Netty, Siddhi or election thread logs under the same role and epoch as
 * the thread that changed them, so the MDC's usual per-thread entries cannot hold them ({@link NodeWideMdc}).
 */
public final class NodeLogContext {

    public static final String NODE = "node";
    public static final String ROLE = "role";
    public static final String EPOCH = "epoch";

    private static volatile Map<String, String> entries = Map.of(ROLE, "passive", EPOCH, "0");

    private NodeLogContext() {
    }

    /**
     * Makes logback read the node-wide entries into every event's MDC. A no-op under another slf4j backend (a test
     * class path), whose lines then lack them.
     */
    public static synchronized void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && !(context.getMDCAdapter() instanceof NodeWideMdc)) {
            MDCAdapter threads = context.getMDCAdapter();
            context.setMDCAdapter(new NodeWideMdc(threads, () -> entries));
        }
    }

    /** This node's id, once known. */
    public static void node(String nodeId) {
        update(Map.of(NODE, nodeId));
    }

    /** The role the node now has and the epoch it belongs to (the term it serves, or the last one it saw). */
    public static void role(String role, long epoch) {
        update(Map.of(ROLE, role, EPOCH, Long.toString(epoch)));
    }

    static Map<String, String> entries() {
        return entries;
    }

    private static synchronized void update(Map<String, String> changes) {
        Map<String, String> now = new HashMap<>(entries);
        now.putAll(changes);
        entries = Map.copyOf(now);
    }
}
