package io.siha.node.extensions;

import io.siha.node.testing.CapturedStderr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.siha.node.extensions.MappedApp.publish;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @map(type='text')} (siddhi-map-text) on the node: SI's default text format and regex mappings through a real
 * engine and the node's source handler, every event compared with its payload; bad payloads are taken nowhere. And
 * the sink side, default and {@code @payload}.
 */
class TextMapperTest {

    private static final String APP = """
            @app:name('TextMapped')
            @source(type='inMemory', topic='text-default', @map(type='text'))
            define stream Orders (region string, amount long, price double, rush bool);

            @source(type='inMemory', topic='text-regex', @map(type='text', fail.on.missing.attribute='true',
                regex.A='region=(\\w+)', regex.B='amount=(\\d+) price=([0-9.]+)',
                @attributes(region='A[1]', amount='B[1]', price='B[2]')))
            define stream Lines (region string, amount long, price double);

            """ + MappedApp.counting("Orders", "Lines");

    @Test
    void defaultFormatTakesEachAttributeWithItsValue() {
        try (MappedApp app = new MappedApp(APP)) {
            publish("text-default", "region:\"eu\",\namount:3,\nprice:1.5,\nrush:true");
            publish("text-default", "rush:false,\nprice:-2.25,\namount:9007199254740993,\nregion:\"us west\"");

            assertThat(app.target.values("Orders")).containsExactly(
                    List.of("eu", 3L, 1.5, true),
                    List.of("us west", 9007199254740993L, -2.25, false));
            assertThat(app.counted("TextMapped")).isEqualTo(2);
        }
    }

    @Test
    void regexMappingTakesTheGroupsItNames() {
        try (MappedApp app = new MappedApp(APP)) {
            publish("text-regex", "order from region=eu: amount=12 price=3.75 (rush)");

            assertThat(app.target.values("Lines")).containsExactly(List.of("eu", 12L, 3.75));
            assertThat(app.counted("TextMapped")).isEqualTo(1);
        }
    }

    @Test
    void badPayloadsAreTakenNowhere() {
        try (MappedApp app = new MappedApp(APP); CapturedStderr log = new CapturedStderr()) {
            List.of("region:\"eu\",\namount:three,\nprice:1.5,\nrush:true",       // wrong type
                    "region:\"eu\",\namount:3,\nprice:1.5",                        // missing attribute
                    "just some words").forEach(payload -> publish("text-default", payload));
            publish("text-regex", "region=eu but no amount");

            assertThat(app.target.taken()).as(log.text()).isEmpty();
            assertThat(app.counted("TextMapped")).isZero();
        }
    }

    /** Unlike the JSON mapper, the text mapper (as in SI) ignores a key the stream does not have. */
    @Test
    void anUnknownKeyIsIgnored() {
        try (MappedApp app = new MappedApp(APP)) {
            publish("text-default", "region:\"eu\",\namount:3,\nprice:1.5,\nrush:true,\nextra:1");
            assertThat(app.target.values("Orders")).containsExactly(List.of("eu", 3L, 1.5, true));
        }
    }

    @Test
    void sinkWritesSiTextAndACustomPayload() {
        try (SinkCapture sink = SinkCapture.defaultAndCustom("text", "order {{region}} x{{amount}}")) {
            sink.send("Orders", "eu", 3L);
            assertThat(sink.messages()).containsExactlyInAnyOrder("region:\"eu\",\namount:3", "order eu x3");
        }
    }
}
