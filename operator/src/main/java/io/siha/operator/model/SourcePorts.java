package io.siha.operator.model;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The ports the apps' HTTP sources listen on, each once: the node serves every source of one port from one server,
 * by path. They are exposed as the ingest ports are: on the node container, on the Service that follows the active
 * (the sources open only there) and in the NetworkPolicy's ingest rule.
 */
public record SourcePorts(SortedSet<Integer> numbers) {

    private static final String NAME_PREFIX = "source-";

    public SourcePorts {
        numbers = Collections.unmodifiableSortedSet(new TreeSet<>(numbers));
    }

    /** For apps without an HTTP source. */
    public static SourcePorts none() {
        return new SourcePorts(new TreeSet<>());
    }

    /**
     * The port's name on the container and the Service, e.g. {@code source-8280}: a valid IANA_SVC_NAME (lower case,
     * a letter, at most 15 characters; {@code source-65535} has 12), and one the node's own port names never take.
     */
    public static String name(int port) {
        return NAME_PREFIX + port;
    }
}
