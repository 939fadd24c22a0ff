package io.siha.node.extensions.jars;

import io.siha.node.engine.AppSource;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.extensions.NodeExtensions;
import io.siha.node.source.SourceIntake;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a JVM of its own (the JVM's instrumentation is given once, at launch): loads the extensions directory of its
 * argument as the node does, counts two events with {@code acme:tally()} on one engine, snapshots it, restores the
 * snapshot on another engine as a takeover does, counts a third event there and prints what the app's table holds.
 */
public final class SnapshotRestoreProbe {

    static final String APP = """
            @app:name('Tallying')
            define stream In (x long);
            define table Seen (n long);
            from In select acme:tally() as n insert into Seen;
            """;

    private SnapshotRestoreProbe() {
    }

    public static void main(String[] args) throws Exception {
        NodeExtensions extensions = NodeExtensions.load(Optional.empty(), Optional.empty(), Optional.of(Path.of(args[0])));
        Map<String, byte[]> state;
        try (SiddhiEngine first = engine(extensions)) {
            first.start();
            first.input("Tallying", "In").send(1, new Object[] {1L});
            first.input("Tallying", "In").send(2, new Object[] {1L});
            state = first.snapshot();
        }
        try (SiddhiEngine next = engine(extensions)) {
            next.start();
            next.restore(state);
            next.input("Tallying", "In").send(3, new Object[] {1L});
            System.out.println("seen=" + next.query("Tallying", "from Seen select n").stream().map(row -> row[0])
                    .toList());
        }
    }

    private static SiddhiEngine engine(NodeExtensions extensions) {
        return SiddhiEngine.create(List.of(new AppSource("tallying.siddhi", APP)), new OutputGate(), new SourceIntake(),
                extensions);
    }
}
