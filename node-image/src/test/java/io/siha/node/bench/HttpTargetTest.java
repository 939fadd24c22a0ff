package io.siha.node.bench;

import io.siddhi.query.api.definition.Attribute;
import io.siha.node.engine.HttpPostSink;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.EventJsonDecoder;
import io.siha.node.ingest.IncomingEvent;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HttpTargetTest {

    private static final CountingApp APP = CountingApp.named("HttpOrders").fedBy("http://127.0.0.1:8280/orders");

    @Test
    void theIngestBodyGivesEachEventTheIdTheSourceWouldGiveIt() {
        StreamInput orders = new StreamInput(APP.name(), CountingApp.STREAM, List.of(
                new Attribute("region", Attribute.Type.STRING), new Attribute("amount", Attribute.Type.LONG)), null);
        HttpTarget ingest = HttpTarget.ingest("http://127.0.0.1:8006", APP);

        List<IncomingEvent> events = new EventJsonDecoder(1_000).decode(ingest.body("ingest-7", 700, 3).getBytes(),
                orders, 0);

        assertThat(events).extracting(IncomingEvent::eventId).containsExactly("ingest-7#0", "ingest-7#1",
                "ingest-7#2");
        assertThat(events.get(2).data()).containsExactly("eu", 702L);
        HttpRequest request = ingest.request("ingest-7", 700, 3);
        assertThat(request.uri().toString()).isEqualTo("http://127.0.0.1:8006/v1/apps/HttpOrders/streams/Orders");
        assertThat(request.headers().firstValue(HttpPostSink.IDEMPOTENCY_KEY)).isEmpty();
    }

    @Test
    void keysNameTheAppAndTheWayInSoNoTwoRunsShareAnId() {
        CountingApp relay = CountingApp.named("Relay").fedBy("http://127.0.0.1:8280/relay");

        assertThat(HttpTarget.source(APP).key(3)).isEqualTo("HttpOrders-source-3");
        assertThat(HttpTarget.ingest("http://127.0.0.1:8006", APP).key(3)).isEqualTo("HttpOrders-ingest-3");
        assertThat(HttpTarget.source(relay).key(3)).isEqualTo("Relay-source-3");
    }

    @Test
    void theSourceBodyIsJsonMapperEventsUnderTheRequestsKey() {
        HttpTarget source = HttpTarget.source(APP);

        assertThat(source.body("source-7", 700, 2)).isEqualTo(
                "[{\"event\":{\"region\":\"eu\",\"amount\":700}},{\"event\":{\"region\":\"eu\",\"amount\":701}}]");
        HttpRequest request = source.request("source-7", 700, 2);
        assertThat(request.uri().toString()).isEqualTo("http://127.0.0.1:8280/orders");
        assertThat(request.headers().firstValue(HttpPostSink.IDEMPOTENCY_KEY)).hasValue("source-7");
    }
}
