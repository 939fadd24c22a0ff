package io.siha.node.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SI's http sink options {@code method}, {@code headers} and {@code basic.auth.*} on the node's sink, against a real
 * HTTP receiver: what each request carries, also when the receiver fails first and the output is sent again, and a
 * clear error at app start for each bad value.
 */
class HttpSinkOptionsTest {

    private static final String PASSWORD = "s3cret-of-the-receiver";

    private final RecordingReceiver receiver = new RecordingReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static String app(String options, String map) {
        return """
                @app:name('Alerting')
                define stream Orders (region string, amount long);
                @sink(type='http', %s%s)
                define stream Alerts (region string, amount long);
                from Orders[amount > 100] select region, amount insert into Alerts;
                """.formatted(options, map);
    }

    @Test
    void methodHeadersAndBasicAuthGoWithEveryRequestAlsoWhenSentAgain() {
        String options = "publisher.url='" + receiver.url() + "', method='PUT', headers=\"'X-Tenant:eu',"
                + "'Content-Type:application/vnd.acme+json'\", basic.auth.username='alerts', basic.auth.password='"
                + PASSWORD + "'";
        receiver.failuresToServe.set(2); // refused twice: the same request goes again, nothing dropped
        try (DeliveringApp app = new DeliveringApp("Alerting", app(options, ""))) {
            app.send(7, "eu", 500L);

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.taken.size() == 1);
            RecordingReceiver.Request request = receiver.taken.get(0);
            assertThat(receiver.refused).hasValue(2);
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.header("X-Tenant")).isEqualTo("eu");
            assertThat(request.header("Content-Type")).as("the app's, not the derived one")
                    .isEqualTo("application/vnd.acme+json");
            assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString(("alerts:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            assertThat(request.header(HttpPostSink.IDEMPOTENCY_KEY)).isEqualTo("7-0");
            assertThat(request.body()).isEqualTo("{\"region\":\"eu\",\"amount\":500}");
        }
    }

    @Test
    void patchInAnyCaseWithAnXmlMapGetsTheMapsContentType() {
        try (DeliveringApp app = new DeliveringApp("Alerting", app("publisher.url='" + receiver.url()
                + "', method='patch'", ", @map(type='xml')"))) {
            app.send(1, "us", 700L);

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 1);
            assertThat(receiver.taken.get(0).method()).isEqualTo("PATCH");
            assertThat(receiver.taken.get(0).header("Content-Type")).isEqualTo("application/xml");
            assertThat(receiver.taken.get(0).header("Authorization")).isNull();
            assertThat(receiver.taken.get(0).body()).contains("<region>us</region>");
        }
    }

    @Test
    void aTextMapIsSentAsPlainText() {
        try (DeliveringApp app = new DeliveringApp("Alerting", app("publisher.url='" + receiver.url() + "'",
                ", @map(type='text')"))) {
            app.send(1, "us", 700L);

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 1);
            assertThat(receiver.taken.get(0).method()).isEqualTo("POST");
            assertThat(receiver.taken.get(0).header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "method='GET'                                       | sink method 'GET' is not one of POST, PUT, PATCH",
        "method='DELETE'                                    | only these methods carry",
        "method='SEND'                                      | sink method 'SEND' is not one of POST, PUT, PATCH",
        "headers='X-Tenant:eu'                              | must be quoted name:value pairs",
        "headers=\"'X-Tenant:eu','X-Flag'\"                 | entry 2 is not name:value",
        "headers=\"'Bad Name:x'\"                           | entry 1 ('Bad Name') cannot be sent",
        "headers=\"'Host:elsewhere'\"                       | 'Host' is set by the node itself",
        "headers=\"'Idempotency-Key:mine'\"                 | 'Idempotency-Key' is set by the node itself",
        "headers=\"'Content-Length:5'\"                     | 'Content-Length' is set by the node itself",
        "headers='{{region}}'                               | 'headers' is not a supported DynamicOption",
        "basic.auth.username='alerts'                       | basic.auth.username without basic.auth.password",
        "basic.auth.password='PASSWORD'                     | basic.auth.password without basic.auth.username",
        "basic.auth.username='a:b', basic.auth.password='PASSWORD' | must not contain ':'",
        "basic.auth.username='a', basic.auth.password='PASSWORD', headers=\"'Authorization:Bearer x'\" | give one",
        "oauth.username='a', oauth.password='PASSWORD'      | SI's OAuth 2.0) is not supported",
    })
    void aBadValueStopsTheAppAtStartNamingItAndNeverThePassword(String options, String expected) {
        String app = app("publisher.url='" + receiver.url() + "', " + options.replace("PASSWORD", PASSWORD), "");
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", app))))
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("alerting.siddhi")
                .hasMessageContaining(expected).message().doesNotContain(PASSWORD);
    }
}
