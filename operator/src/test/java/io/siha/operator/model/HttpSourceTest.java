package io.siha.operator.model;

import io.siddhi.query.api.SiddhiApp;
import io.siddhi.query.compiler.SiddhiCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP sources read from a parsed app, and their ports by the node's rule for receiver.url. */
class HttpSourceTest {

    @Test
    void everyHttpSourceOfTheAppIsListedByStreamWithItsReceiverUrl() {
        SiddhiApp app = SiddhiCompiler.parse("""
                @app:name('Shop')
                @source(type='http', receiver.url='http://0.0.0.0:8280/orders', @map(type='json'))
                define stream Orders (id string, amount double);
                @Source(type='http', @map(type='json'))
                define stream Refunds (id string);
                @source(type='inMemory', topic='x')
                define stream Internal (id string);
                @sink(type='http', publisher.url='http://alerts:9000/in')
                define stream Alerts (id string);
                from Orders select id insert into Alerts;
                """);

        assertThat(HttpSource.of(app)).containsExactly(
                new HttpSource("Orders", "http://0.0.0.0:8280/orders"),
                new HttpSource("Refunds", null));
    }

    @Test
    void twoHttpSourcesOnOneStreamAreBothListed() {
        SiddhiApp app = SiddhiCompiler.parse("""
                @app:name('Twice')
                @source(type='http', receiver.url='http://0.0.0.0:8280/a', @map(type='json'))
                @source(type='http', receiver.url='http://0.0.0.0:8281/b', @map(type='json'))
                define stream In (id string);
                """);

        assertThat(HttpSource.of(app)).extracting(HttpSource::port).containsExactly(8280, 8281);
    }

    @Test
    void optionsAreMatchedAsTheNodeMatchesThem() {
        // Siddhi finds extensions by their exact name and the node reads receiver.url by its exact key: a source of
        // type 'HTTP' is not the node's, and 'Receiver.URL' is no receiver.url (the source takes SI's default port).
        SiddhiApp app = SiddhiCompiler.parse("""
                @app:name('Cases')
                @source(type='HTTP', receiver.url='http://0.0.0.0:8280/a', @map(type='json'))
                define stream A (id string);
                @source(type='http', Receiver.URL='http://0.0.0.0:8281/b', @map(type='json'))
                define stream B (id string);
                """);

        assertThat(HttpSource.of(app)).containsExactly(new HttpSource("B", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "null, 9763",
            "'  ', 9763",
            "http://0.0.0.0:8280/orders, 8280",
            "' http://0.0.0.0:8280/orders ', 8280",
            "HTTP://0.0.0.0:1/x, 1",
            "http://0.0.0.0:65535, 65535",
            "http://0.0.0.0/orders, 80",
            "http://0.0.0.0:/orders, 80",
            "https://0.0.0.0/orders, 443",
            "https://0.0.0.0:8443/orders, 8443",
            "http://localhost:8280, 8280"})
    void thePortIsTheUrlsOrItsSchemesOrSisDefault(String receiverUrl, int port) {
        assertThat(new HttpSource("In", receiverUrl).port()).isEqualTo(port);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://0.0.0.0:8280/a b | receiver.url 'http://0.0.0.0:8280/a b' is not a URL",
            "localhost:80/x | receiver.url 'localhost:80/x' must be http://host:port/path or https://host:port/path",
            "ftp://0.0.0.0:21/x | must be http://host:port/path",
            "/orders | must be http://host:port/path",
            "http://0.0.0.0:8280/x?a=1 | must not have a query or a fragment",
            "http://0.0.0.0:8280/x#a | must not have a query or a fragment",
            "http://0.0.0.0:70000/x | has port 70000, outside 1 to 65535",
            "http://0.0.0.0:0/x | has port 0, outside 1 to 65535"})
    void aUrlTheNodeCannotListenOnIsRefusedSayingWhy(String receiverUrl, String message) {
        assertThatThrownBy(() -> new HttpSource("In", receiverUrl).port())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {"null, false", "http://0.0.0.0:8280/a, false",
            "https://0.0.0.0:8443/a, true", "' HTTPS://0.0.0.0/a', true"})
    void anHttpsUrlSpeaksTls(String receiverUrl, boolean https) {
        assertThat(new HttpSource("In", receiverUrl).https()).isEqualTo(https);
    }

    @Test
    void aProblemNamesTheSourceByItsStream() {
        assertThat(new HttpSource("Orders", null)).hasToString("@source(type='http') of stream Orders");
    }
}
