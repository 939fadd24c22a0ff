package io.siha.node.extensions.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SI's receiver.url, and the credential an HTTP source with basic.auth.enabled accepts. */
class ReceiverUrlTest {

    @Test
    void receiverUrlsAsSiWritesThem() {
        assertThat(ReceiverUrl.parse("http://0.0.0.0:8280/orders", "A", "S"))
                .isEqualTo(new ReceiverUrl(false, "0.0.0.0", 8280, "/orders"));
        assertThat(ReceiverUrl.parse("http://localhost/x/y", "A", "S")).isEqualTo(new ReceiverUrl(false, "localhost",
                80, "/x/y"));
        assertThat(ReceiverUrl.parse("http://h:1", "A", "S").path()).isEqualTo("/");
        assertThat(ReceiverUrl.parse(null, "Shop", "Orders"))
                .isEqualTo(new ReceiverUrl(false, "0.0.0.0", 9763, "/Shop/Orders"));
        assertThat(ReceiverUrl.parse("https://0.0.0.0:8443/orders", "A", "S"))
                .isEqualTo(new ReceiverUrl(true, "0.0.0.0", 8443, "/orders"));
        assertThat(ReceiverUrl.parse("HTTPS://h/x", "A", "S")).isEqualTo(new ReceiverUrl(true, "h", 443, "/x"));
        assertThat(ReceiverUrl.parse("https://h:8443/x", "A", "S")).hasToString("https://h:8443/x");
        assertThatThrownBy(() -> ReceiverUrl.parse("ftp://h:1/x", "A", "S")).hasMessageContaining("http://host")
                .hasMessageContaining("https://host");
        assertThatThrownBy(() -> ReceiverUrl.parse("http://h:1/x?y=1", "A", "S")).hasMessageContaining("query");
        assertThatThrownBy(() -> ReceiverUrl.parse("http://h:1/ x", "A", "S")).hasMessageContaining("not a URL");
    }

    @Test
    void theTokenAsBearerOrAsTheBasicPassword() {
        ReceiverCredentials credentials = ReceiverCredentials.of(Optional.of("the-token")).orElseThrow();
        assertThat(credentials.check("Bearer the-token")).isEqualTo(ReceiverCredentials.Verdict.ADMITTED);
        assertThat(credentials.check("bearer   the-token")).isEqualTo(ReceiverCredentials.Verdict.ADMITTED);
        assertThat(credentials.check(basic("anyone:the-token"))).isEqualTo(ReceiverCredentials.Verdict.ADMITTED);
        assertThat(credentials.check(basic(":the-token"))).isEqualTo(ReceiverCredentials.Verdict.ADMITTED);
        assertThat(credentials.check(basic("u:pass:with:colons"))).isEqualTo(ReceiverCredentials.Verdict.WRONG);
        assertThat(credentials.check(basic("the-token"))).as("no colon: no password")
                .isEqualTo(ReceiverCredentials.Verdict.WRONG);
        assertThat(credentials.check("Basic !!!")).isEqualTo(ReceiverCredentials.Verdict.WRONG);
        assertThat(credentials.check("Bearer other")).isEqualTo(ReceiverCredentials.Verdict.WRONG);
        assertThat(credentials.check("Bearer ")).isEqualTo(ReceiverCredentials.Verdict.WRONG);
        assertThat(credentials.check(null)).isEqualTo(ReceiverCredentials.Verdict.NONE);
        assertThat(credentials.check("Digest x")).isEqualTo(ReceiverCredentials.Verdict.NONE);
        assertThat(ReceiverCredentials.of(Optional.of(""))).isEmpty();
        assertThat(ReceiverCredentials.of(Optional.empty())).isEmpty();
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
