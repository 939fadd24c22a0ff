package io.siha.node.extensions;

import io.siha.node.testing.CapturedStderr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.siha.node.extensions.MappedApp.publish;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @map(type='xml')} (siddhi-map-xml, Axiom underneath) on the node: SI's default XML and XPath mappings through
 * a real engine and the node's source handler, every event compared with its payload; bad payloads are taken nowhere.
 * And the sink side, default and {@code @payload}.
 */
class XmlMapperTest {

    private static final String APP = """
            @app:name('XmlMapped')
            @source(type='inMemory', topic='xml-default', @map(type='xml'))
            define stream Orders (region string, amount long, price double, rush bool);

            @source(type='inMemory', topic='xml-custom', @map(type='xml', namespaces='o=urn:orders',
                enclosing.element='/o:portfolio', fail.on.missing.attribute='true',
                @attributes(region='@region', amount='o:qty', price='o:price/@value')))
            define stream Stocks (region string, amount long, price double);

            """ + MappedApp.counting("Orders", "Stocks");

    @Test
    void defaultMappingTakesEveryEventOfTheDocument() {
        try (MappedApp app = new MappedApp(APP)) {
            publish("xml-default", """
                    <events>
                      <event><region>eu</region><amount>3</amount><price>1.5</price><rush>true</rush></event>
                      <event><rush>false</rush><price>-2</price><amount>9007199254740993</amount>\
                    <region>us &amp; ca</region></event>
                    </events>""");

            assertThat(app.target.values("Orders")).containsExactly(
                    List.of("eu", 3L, 1.5, true),
                    List.of("us & ca", 9007199254740993L, -2.0, false));
            assertThat(app.counted("XmlMapped")).isEqualTo(2);
        }
    }

    @Test
    void customMappingReadsXPathsUnderTheEnclosingElement() {
        try (MappedApp app = new MappedApp(APP)) {
            publish("xml-custom", """
                    <o:portfolio xmlns:o="urn:orders">
                      <o:stock region="eu"><o:qty>10</o:qty><o:price value="55.5"/></o:stock>
                      <o:stock region="us"><o:qty>20</o:qty><o:price value="57.25"/></o:stock>
                    </o:portfolio>""");

            assertThat(app.target.values("Stocks")).containsExactly(
                    List.of("eu", 10L, 55.5),
                    List.of("us", 20L, 57.25));
            assertThat(app.counted("XmlMapped")).isEqualTo(2);
        }
    }

    @Test
    void badPayloadsAreTakenNowhere() {
        try (MappedApp app = new MappedApp(APP); CapturedStderr log = new CapturedStderr()) {
            List.of("<events><event><region>eu</region><amount>3</amount>",                         // malformed
                    "<events><event><region>eu</region><amount>three</amount><price>1.5</price>"
                            + "<rush>true</rush></event></events>",                                   // wrong type
                    "not xml").forEach(payload -> publish("xml-default", payload));
            publish("xml-custom", "<o:portfolio xmlns:o=\"urn:orders\"><o:stock region=\"eu\">"
                    + "<o:price value=\"1.5\"/></o:stock></o:portfolio>");                            // no qty

            assertThat(app.target.taken()).as(log.text()).isEmpty();
            assertThat(app.counted("XmlMapped")).isZero();
        }
    }

    /** Unlike the JSON mapper, the XML mapper (as in SI) ignores an element the stream does not have. */
    @Test
    void anUnknownElementIsIgnored() {
        try (MappedApp app = new MappedApp(APP)) {
            publish("xml-default", "<events><event><region>eu</region><amount>3</amount><price>1.5</price>"
                    + "<rush>true</rush><extra>1</extra></event></events>");
            assertThat(app.target.values("Orders")).containsExactly(List.of("eu", 3L, 1.5, true));
        }
    }

    @Test
    void sinkWritesSiXmlAndACustomPayload() {
        try (SinkCapture sink = SinkCapture.defaultAndCustom("xml",
                "<order region='{{region}}'><qty>{{amount}}</qty></order>")) {
            sink.send("Orders", "eu", 3L);
            assertThat(sink.messages()).map(m -> ((String) m).replaceAll(">\\s+<", "><").trim())
                    .containsExactlyInAnyOrder(
                            "<events><event><region>eu</region><amount>3</amount></event></events>",
                            "<order region='eu'><qty>3</qty></order>");
        }
    }
}
