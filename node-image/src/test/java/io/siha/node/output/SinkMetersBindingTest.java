package io.siha.node.output;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.extensions.NodeExtensions;
import io.siha.node.metrics.SinkMeters;
import io.siha.node.source.SourceIntake;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Each sink of each app counts on series labelled with its app, its stream and its type. */
class SinkMetersBindingTest {

    private static final String APP = """
            @app:name('Shop')
            define stream Orders (region string, amount long);
            @sink(type='log', prefix='one')
            define stream Alerts (region string, amount long);
            @sink(type='log', prefix='first')
            @sink(type='log', prefix='second')
            define stream Audit (region string);
            from Orders select region, amount insert into Alerts;
            from Orders select region insert into Audit;
            """;

    @Test
    void theLabelsNameTheAppTheStreamAndTheSinkWithItsPlaceWhenAStreamHasSeveral() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("shop.siddhi", APP)), new OutputGate(),
                new SourceIntake(), NodeExtensions.builtIn(), new SinkMeters(registry))) {
            Set<String> pending = registry.getMeters().stream()
                    .filter(m -> m.getId().getName().equals("siha.sink.outputs.pending"))
                    .map(SinkMetersBindingTest::labels).collect(Collectors.toSet());
            assertThat(pending).containsExactlyInAnyOrder("Shop/Alerts/log", "Shop/Audit/log#0", "Shop/Audit/log#1");
            assertThat(registry.get("siha.sink.outputs.dropped").counters()).hasSize(3);
        }
    }

    private static String labels(Meter meter) {
        return meter.getId().getTag("app") + "/" + meter.getId().getTag("stream") + "/" + meter.getId().getTag("sink");
    }
}
