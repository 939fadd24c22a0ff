package io.siha.node.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siha.node.testing.CapturedStderr;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.siha.node.extensions.MappedApp.publish;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @map(type='json')} (siddhi-map-json) on the node: SI-style payloads through a real engine and the node's
 * source handler, every resulting event compared with its payload; bad payloads are taken nowhere. And the sink side.
 */
class JsonMapperTest {

    private static final String APP = """
            @app:name('JsonMapped')
            @source(type='inMemory', topic='json-default', @map(type='json'))
            define stream Orders (region string, amount long, price double, rush bool, note string);

            @source(type='inMemory', topic='json-custom', @map(type='json', enclosing.element='$.portfolio',
                @attributes(region='stock.region', amount='stock.qty', price='stock.price', rush='rush',
                            note='stock.note')))
            define stream Stocks (region string, amount long, price double, rush bool, note string);

            """ + MappedApp.counting("Orders", "Stocks");

    @Test
    void defaultMappingTakesSingleEventsAndArraysWithTheirValues() {
        try (MappedApp app = new MappedApp(APP)) {
            publish("json-default", """
                    {"event":{"region":"eu","amount":3,"price":1.5,"rush":true,"note":"first"}}""");
            publish("json-default", """
                    [{"event":{"region":"us","amount":9007199254740993,"price":-0.25,"rush":false,"note":"ü \\" x"}},
                     {"event":{"note":"order of keys","rush":true,"price":2,"amount":7,"region":"ap"}}]""");
            publish("json-default", """
                    {"event":{"region":"eu","amount":4,"price":1.0,"rush":false,"note":null}}""");
            // siddhi-map-json 5.x also takes an event without SI's "event" wrapper.
            publish("json-default", """
                    {"region":"eu","amount":5,"price":0.5,"rush":true,"note":"bare"}""");

            assertThat(app.target.values("Orders")).containsExactly(
                    List.of("eu", 3L, 1.5, true, "first"),
                    List.of("us", 9007199254740993L, -0.25, false, "ü \" x"),
                    List.of("ap", 7L, 2.0, true, "order of keys"),
                    Arrays.asList("eu", 4L, 1.0, false, null),
                    List.of("eu", 5L, 0.5, true, "bare"));
            assertThat(app.counted("JsonMapped")).isEqualTo(5);
        }
    }

    @Test
    void customMappingReadsJsonPathsUnderTheEnclosingElement() {
        try (MappedApp app = new MappedApp(APP)) {
            publish("json-custom", """
                    {"portfolio":[
                      {"stock":{"region":"eu","qty":10,"price":55.5,"note":"a"},"rush":true},
                      {"stock":{"region":"us","qty":20,"price":57.25,"note":"b"},"rush":false}]}""");

            assertThat(app.target.values("Stocks")).containsExactly(
                    List.of("eu", 10L, 55.5, true, "a"),
                    List.of("us", 20L, 57.25, false, "b"));
            assertThat(app.counted("JsonMapped")).isEqualTo(2);
        }
    }

    @Test
    void badPayloadsAreTakenNowhere() {
        try (MappedApp app = new MappedApp(APP); CapturedStderr log = new CapturedStderr()) {
            List<String> bad = List.of(
                    "{\"event\":{\"region\":\"eu\",\"amount\":",                                     // malformed
                    "not json at all",
                    "{\"event\":{\"region\":\"eu\",\"amount\":\"three\",\"price\":1.5,\"rush\":true,\"note\":\"x\"}}",
                    "{\"event\":{\"region\":\"eu\",\"amount\":3,\"price\":\"high\",\"rush\":true,\"note\":\"x\"}}",
                    "{\"event\":{\"region\":\"eu\",\"amount\":3,\"price\":1.5,\"rush\":\"yes\",\"note\":\"x\"}}",
                    "{\"event\":{\"region\":\"eu\",\"amount\":3,\"price\":1.5,\"rush\":true}}",        // missing
                    "{\"event\":{\"region\":\"eu\",\"amount\":3,\"price\":1.5,\"rush\":true,\"note\":\"x\","
                            + "\"extra\":1}}",                                                        // unknown
                    // The mapper's quirk: a single event's double needs a decimal point (in an array 2 is taken).
                    "{\"event\":{\"region\":\"eu\",\"amount\":3,\"price\":1,\"rush\":true,\"note\":\"x\"}}");
            bad.forEach(payload -> publish("json-default", payload));
            publish("json-custom", "{\"portfolio\":[{\"stock\":{\"region\":\"eu\",\"price\":1.5,\"note\":\"a\"},"
                    + "\"rush\":true}]}");                                                            // no qty

            assertThat(app.target.taken()).as(log.text()).isEmpty();
            assertThat(app.counted("JsonMapped")).isZero();

            publish("json-default", "{\"event\":{\"region\":\"eu\",\"amount\":1,\"price\":1.0,\"rush\":true,"
                    + "\"note\":\"after\"}}");
            assertThat(app.target.values("Orders")).as("the source still works after refusals: " + log.text())
                    .containsExactly(List.of("eu", 1L, 1.0, true, "after"));
        }
    }

    @Test
    void sinkMapsEventsToSiJsonAndToACustomPayload() throws Exception {
        try (SinkCapture sink = SinkCapture.defaultAndCustom("json", "{\"r\":\"{{region}}\",\"total\":{{amount}}}")) {
            sink.send("Orders", "eu", 3L);
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> out = sink.messages().stream().map(m -> read(json, (String) m)).toList();
            assertThat(out).hasSize(2);
            assertThat(out).contains(json.readTree("{\"event\":{\"region\":\"eu\",\"amount\":3}}"),
                    json.readTree("{\"r\":\"eu\",\"total\":3}"));
        }
    }

    private static JsonNode read(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
