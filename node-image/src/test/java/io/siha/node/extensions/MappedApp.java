package io.siha.node.extensions;

import io.siddhi.core.util.transport.InMemoryBroker;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.source.SourceIntake;
import io.siha.node.testing.FreePort;

import java.net.http.HttpResponse;
import java.util.List;

/**
 * One app on a real {@link SiddhiEngine}, started as a takeover starts it (runtime, then the term attached, then the
 * sources), whose sources deliver to a {@link RecordingTarget}.
 */
final class MappedApp implements AutoCloseable {

    final SiddhiEngine engine;
    final RecordingTarget target;
    final SourceIntake intake = new SourceIntake();
    /** The port its HTTP sources listen on, for an app made {@link #onFreePort}; 0 otherwise. */
    final int port;

    MappedApp(String siddhi) {
        this(siddhi, 0, NodeExtensions.builtIn());
    }

    private MappedApp(String siddhi, int port, NodeExtensions extensions) {
        this.port = port;
        engine = SiddhiEngine.create(List.of(new AppSource("mapped.siddhi", siddhi)), new OutputGate(), intake,
                extensions);
        target = new RecordingTarget(engine);
        engine.start();
        intake.attach(target);
        engine.startSources();
    }

    /** {@code template} with a free port for {@code %1$d} (its HTTP sources' receiver.url), started. */
    static MappedApp onFreePort(String template) {
        return onFreePort(template, NodeExtensions.builtIn());
    }

    /** As {@link #onFreePort(String)}, on a node with {@code extensions} (its ingest TLS, say). */
    static MappedApp onFreePort(String template, NodeExtensions extensions) {
        int port = FreePort.find();
        return new MappedApp(template.formatted(port), port, extensions);
    }

    /** POSTs {@code body} to {@code path} on the app's port, with that Idempotency-Key (null: none). */
    HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        return Posts.post(port, path, body, idempotencyKey);
    }

    /** Publishes {@code payload} to an in-memory topic; Siddhi maps and hands it over on this thread. */
    static void publish(String topic, Object payload) {
        try {
            InMemoryBroker.publish(topic, payload);
        } catch (Exception e) {
            throw new IllegalStateException("nobody listens on topic " + topic, e);
        }
    }

    /**
     * Siddhi that counts the events of each of {@code streams} into a table {@code Counts}, for {@link #counted}: the
     * app's own view of what it took.
     */
    static String counting(String... streams) {
        StringBuilder siddhi = new StringBuilder("define table Counts (stream string, events long);\n");
        for (String stream : streams) {
            siddhi.append("from ").append(stream).append(" select '").append(stream).append("' as stream, count() as")
                    .append(" events update or insert into Counts set Counts.events = events")
                    .append(" on Counts.stream == stream;\n");
        }
        return siddhi.toString();
    }

    /** How many events {@code app}'s {@link #counting} queries saw, over all its streams. */
    long counted(String app) {
        return engine.query(app, "from Counts select events").stream().mapToLong(row -> (Long) row[0]).sum();
    }

    @Override
    public void close() {
        engine.close();
    }
}
