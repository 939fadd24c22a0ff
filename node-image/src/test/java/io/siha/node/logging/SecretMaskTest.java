package io.siha.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.Encoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {

    @Test
    void aValueShowsAsItsVariableAsIsAndJsonEscapedAndAShortOneIsLeftAlone() {
        SecretMask.add("SIHA_MASK_TEST_PASSWORD", "pa\"ss-Word-7k");
        SecretMask.add("SIHA_MASK_TEST_FLAG", "yes");

        assertThat(SecretMask.mask("password=\"pa\"ss-Word-7k\"; flag yes"))
                .isEqualTo("password=\"${SIHA_MASK_TEST_PASSWORD}\"; flag yes");
        assertThat(SecretMask.mask("{\"message\":\"pa\\\"ss-Word-7k\"}"))
                .isEqualTo("{\"message\":\"${SIHA_MASK_TEST_PASSWORD}\"}");
    }

    @Test
    void theEncoderMasksTextAndJsonLinesWithTheirStackTraces() {
        SecretMask.add("SIHA_MASK_TEST_TOKEN", "tok\"en-Q2w8");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%msg%n%ex");
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        LoggingEvent event = new LoggingEvent("x", context.getLogger("test"), Level.ERROR,
                "login with tok\"en-Q2w8 refused", new IllegalStateException("bad tok\"en-Q2w8"), null);

        for (Encoder<ILoggingEvent> wrapped : List.of(text, json)) {
            SecretMaskingEncoder encoder = new SecretMaskingEncoder();
            encoder.setContext(context);
            encoder.setEncoder(wrapped);
            encoder.start();
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            assertThat(line).contains("${SIHA_MASK_TEST_TOKEN}").doesNotContain("en-Q2w8");
        }
    }
}
