package io.siha.node.faults;

import io.siha.node.demo.LocalNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The nodes' log files from a point on: a node appends to its log across restarts, so a test reads what it caused. */
final class NodeLogs {

    private final Map<LocalNode, Integer> start = new HashMap<>();

    private NodeLogs() {
    }

    /** Marks where each node's log ends now. */
    static NodeLogs from(List<LocalNode> nodes) {
        NodeLogs logs = new NodeLogs();
        nodes.forEach(node -> logs.start.put(node, read(node).length()));
        return logs;
    }

    /** What {@code node} logged since the mark. */
    String since(LocalNode node) {
        String log = read(node);
        int from = start.getOrDefault(node, 0);
        return log.length() > from ? log.substring(from) : "";
    }

    private static String read(LocalNode node) {
        try {
            return Files.exists(node.log()) ? Files.readString(node.log()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
