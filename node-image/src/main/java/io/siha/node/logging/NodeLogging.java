package io.siha.node.logging;

/**
 * Chooses the node's logback configuration before the first logger exists. The node's file has a name of its own
 * ({@value #CONFIGURATION}) rather than {@code logback.xml}: on a class path that also holds the operator's jar (the
 * e2e tests start nodes on theirs) logback would otherwise take whichever {@code logback.xml} comes first.
 */
public final class NodeLogging {

    static final String CONFIGURATION = "siha-node-logback.xml";
    private static final String PROPERTY = "logback.configurationFile";

    private NodeLogging() {
    }

    /** Call first in {@code main}; a {@code -Dlogback.configurationFile} given on the command line is kept. */
    public static void configure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, CONFIGURATION);
        }
        NodeLogContext.install();
    }
}
