package io.siha.node.bench;

import io.siddhi.query.api.SiddhiApp;
import io.siddhi.query.compiler.SiddhiCompiler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountingAppTest {

    @Test
    void everyVariantParsesWithItsSourceAndSink() {
        CountingApp relay = CountingApp.named("Relay").fedBy("http://127.0.0.1:8280/relay")
                .relayingTo("http://127.0.0.1:9000/outputs", 1);
        CountingApp failover = CountingApp.named("Counter").relayingTo("http://127.0.0.1:9000/outputs", 10);

        SiddhiApp relayApp = SiddhiCompiler.parse(relay.source().siddhi());
        SiddhiApp failoverApp = SiddhiCompiler.parse(failover.source().siddhi());
        SiddhiApp plainApp = SiddhiCompiler.parse(CountingApp.named("Plain").source().siddhi());

        assertThat(relayApp.getStreamDefinitionMap().get("Orders").getAnnotations()).extracting(a -> a.getName())
                .containsExactly("source");
        assertThat(relayApp.getStreamDefinitionMap().get("Relayed").getAnnotations()).extracting(a -> a.getName())
                .containsExactly("sink");
        assertThat(failoverApp.getStreamDefinitionMap().get("Orders").getAnnotations()).isEmpty();
        assertThat(failoverApp.getExecutionElementList()).hasSize(2);
        assertThat(plainApp.getStreamDefinitionMap()).containsOnlyKeys("Orders");
        assertThat(relay.source().fileName()).isEqualTo("relay.siddhi");
        assertThat(relay.source().siddhi()).contains("@app:name('Relay')").doesNotContain("Counter");
    }

    @Test
    void relaysTheOrdersWhoseAmountIsAMultiple() {
        CountingApp failover = CountingApp.named("Counter").relayingTo("http://127.0.0.1:9000/outputs", 10);

        assertThat(failover.relays(0)).isTrue();
        assertThat(failover.relays(30)).isTrue();
        assertThat(failover.relays(31)).isFalse();
        assertThat(CountingApp.named("Counter").relays(0)).isFalse(); // no sink, no output
    }
}
