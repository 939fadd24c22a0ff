package io.siha.node.config;

/** The pod this node runs in, from the downward API. */
public record PodIdentity(String name, String namespace) {
}
