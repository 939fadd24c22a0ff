package io.siha.node.engine;

import io.siha.node.source.SourceIntake;
import io.siha.node.testing.SequencedInput;

import java.util.List;

/**
 * One app on a real engine whose sinks deliver at once, as on an active whose passive holds every input: the output
 * gate open and every input durable. Its events enter stream {@code Orders}.
 */
final class DeliveringApp implements AutoCloseable {

    private final SiddhiEngine engine;
    private final String app;

    /** @param siddhi an app named by {@code @app:name} with a stream {@code Orders} */
    DeliveringApp(String name, String siddhi) {
        OutputGate gate = new OutputGate();
        engine = SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", siddhi)), gate, new SourceIntake());
        this.app = name;
        engine.start();
        gate.durableThrough(Long.MAX_VALUE);
        gate.open();
    }

    void send(long seq, Object... values) {
        SequencedInput.send(engine.input(app, "Orders"), seq, values);
    }

    @Override
    public void close() {
        engine.close();
    }
}
