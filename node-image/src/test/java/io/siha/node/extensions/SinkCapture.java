package io.siha.node.extensions;

import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siddhi.core.util.transport.InMemoryBroker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink mapper's output, seen on an in-memory topic: an app on a plain {@link SiddhiManager} with the node's
 * extensions registered (the sink side of the mapper, without the HA outbox, which has tests of its own).
 */
final class SinkCapture implements InMemoryBroker.Subscriber, AutoCloseable {

    private final String topic;
    private final List<Object> messages = new CopyOnWriteArrayList<>();
    private final SiddhiManager manager = new SiddhiManager();
    final SiddhiAppRuntime runtime;

    SinkCapture(String topic, String siddhi) {
        this.topic = topic;
        NodeExtensions.builtIn().register(manager);
        runtime = manager.createSiddhiAppRuntime(siddhi);
        InMemoryBroker.subscribe(this);
        runtime.start();
    }

    /**
     * An app that writes each event of {@code Orders (region string, amount long)} to the topic {@code <type>-out}
     * twice: through {@code @map(type=<type>)} with its default format, and with {@code @payload(<payload>)}.
     */
    static SinkCapture defaultAndCustom(String type, String payload) {
        return new SinkCapture(type + "-out", """
                @app:name('%1$sOut')
                define stream Orders (region string, amount long);
                @sink(type='inMemory', topic='%1$s-out', @map(type='%1$s'))
                define stream Out (region string, amount long);
                @sink(type='inMemory', topic='%1$s-out', @map(type='%1$s', @payload(\"""%2$s\""")))
                define stream Custom (region string, amount long);
                from Orders select * insert into Out;
                from Orders select * insert into Custom;
                """.formatted(type, payload));
    }

    void send(String stream, Object... values) {
        try {
            runtime.getInputHandler(stream).send(values);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Object> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void onMessage(Object message) {
        messages.add(message);
    }

    @Override
    public String getTopic() {
        return topic;
    }

    @Override
    public void close() {
        InMemoryBroker.unsubscribe(this);
        manager.shutdown();
    }
}
