package io.siha.node.engine;

/** One Siddhi app as read from its file. */
public record AppSource(String fileName, String siddhi) {
}
