package io.siha.node.config;

/** The ports this node serves on and advertises to its peer in its member row. */
public record NodePorts(int sync, int httpIngest, int binaryIngest, int rest) {
}
