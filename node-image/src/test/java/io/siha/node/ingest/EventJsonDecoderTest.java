package io.siha.node.ingest;

import io.siddhi.query.api.definition.Attribute;
import io.siha.node.engine.StreamInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonDecoderTest {

    private static final StreamInput TRADES = new StreamInput("Market", "Trades", List.of(
            new Attribute("symbol", Attribute.Type.STRING), new Attribute("volume", Attribute.Type.INT),
            new Attribute("seq", Attribute.Type.LONG), new Attribute("price", Attribute.Type.DOUBLE),
            new Attribute("ratio", Attribute.Type.FLOAT), new Attribute("buy", Attribute.Type.BOOL)), null);

    private final EventJsonDecoder decoder = new EventJsonDecoder(3);

    private List<IncomingEvent> decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8), TRADES, 42);
    }

    @Test
    void oneEventWithEveryTypeAnIdAndATimestamp() {
        IncomingEvent event = decode("""
                {"symbol":"IBM","volume":7,"seq":9000000000,"price":1.5,"ratio":0.25,"buy":true,
                 "$id":"order-1","$timestamp":1700000000000}""").get(0);
        assertThat(event.data()).containsExactly("IBM", 7, 9_000_000_000L, 1.5, 0.25f, true);
        assertThat(event.eventId()).isEqualTo("order-1");
        assertThat(event.timestamp()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void anArrayIsABatchAndNullIsSiddhisNull() {
        List<IncomingEvent> events = decode("""
                [{"symbol":null,"volume":1,"seq":1,"price":1,"ratio":1,"buy":false},
                 {"symbol":"B","volume":2,"seq":2,"price":2,"ratio":2,"buy":true}]""");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).data()[0]).isNull();
        assertThat(events.get(0).timestamp()).isEqualTo(42);
        assertThat(events.get(1).eventId()).isNull();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "not json                | body is not valid JSON",
        "''                      | body is empty",
        "[]                      | the array holds no event",
        "[1]                     | event 0: expected a JSON object of attributes, got NUMBER",
        "'\"text\"'              | expected a JSON object of attributes, got STRING",
        "'{\"symbol\":\"A\"}'    | missing attribute 'volume' (int)",
        "'{\"symbol\":\"A\",\"volume\":1,\"seq\":1,\"price\":1,\"ratio\":1,\"buy\":true,\"x\":1}' | unknown attribute 'x' for stream 'Trades'",
        "'{\"symbol\":1,\"volume\":1,\"seq\":1,\"price\":1,\"ratio\":1,\"buy\":true}' | attribute 'symbol' must be a string, got 1",
        "'{\"symbol\":\"A\",\"volume\":1.5,\"seq\":1,\"price\":1,\"ratio\":1,\"buy\":true}' | attribute 'volume' must be a whole number within 32 bits",
        "'{\"symbol\":\"A\",\"volume\":3000000000,\"seq\":1,\"price\":1,\"ratio\":1,\"buy\":true}' | attribute 'volume' must be a whole number within 32 bits",
        "'{\"symbol\":\"A\",\"volume\":1,\"seq\":\"1\",\"price\":1,\"ratio\":1,\"buy\":true}' | attribute 'seq' must be a whole number within 64 bits",
        "'{\"symbol\":\"A\",\"volume\":1,\"seq\":1,\"price\":\"x\",\"ratio\":1,\"buy\":true}' | attribute 'price' must be a number",
        "'{\"symbol\":\"A\",\"volume\":1,\"seq\":1,\"price\":1,\"ratio\":1e300,\"buy\":true}' | attribute 'ratio' must be a number within float range",
        "'{\"symbol\":\"A\",\"volume\":1,\"seq\":1,\"price\":1,\"ratio\":1,\"buy\":\"yes\"}' | attribute 'buy' must be true or false",
        "'{\"symbol\":\"A\",\"volume\":1,\"seq\":1,\"price\":1,\"ratio\":1,\"buy\":true,\"$id\":5}' | $id must be a string of 1 to 256 characters",
        "'{\"symbol\":\"A\",\"volume\":1,\"seq\":1,\"price\":1,\"ratio\":1,\"buy\":true,\"$timestamp\":-1}' | $timestamp must be a non-negative whole number",
        "'[{},{},{},{}]'         | too many events in one request: 4 > 3",
    })
    void badInputIsRefusedWithAMessageNamingTheProblem(String body, String expected) {
        assertThatThrownBy(() -> decode(body)).isInstanceOf(BadEventException.class).hasMessageContaining(expected);
    }

    @Test
    void oneBadEventRefusesTheWholeBatch() {
        assertThatThrownBy(() -> decode("""
                [{"symbol":"A","volume":1,"seq":1,"price":1,"ratio":1,"buy":true},
                 {"symbol":"B","volume":"two","seq":2,"price":2,"ratio":2,"buy":true}]"""))
                .hasMessageStartingWith("event 1: ");
    }
}
