package io.siha.node.extensions;

import io.siddhi.core.config.SiddhiAppContext;

/**
 * The name of the pair this node belongs to ({@code SIHA_CLUSTER_GROUP}), for the node's own extensions that must tell
 * one pair's writes from another's where several pairs write to one place (the Kafka sink's {@code siha-sink} record
 * header). The same on both nodes of a pair. Carried as an attribute of each {@code SiddhiManager}.
 */
public final class PairName {

    static final String ATTRIBUTE = "io.siha.node.extensions.PairName";
    /** A runtime made outside a node (tests, the bench's in-process run). */
    static final String STANDALONE = "local";

    private PairName() {
    }

    /** The pair of the app {@code context} belongs to. */
    public static String of(SiddhiAppContext context) {
        Object name = context.getSiddhiContext().getAttributes().get(ATTRIBUTE);
        return name == null ? STANDALONE : name.toString();
    }
}
