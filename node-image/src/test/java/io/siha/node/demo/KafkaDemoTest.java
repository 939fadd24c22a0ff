package io.siha.node.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's {@code demo --kafka}, shortened: a real broker as a child process (the build's kafka-broker module
 * must have been packaged: the reactor builds it before this module), orders through a Kafka source, alerts through a
 * Kafka sink, a SIGKILL of the active.
 */
class KafkaDemoTest {

    @Test
    void theKafkaDemoCountsEveryOrderOnceAndLosesNoAlert() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new KafkaDemo(new DemoOptions(900, 450, 10, true, Optional.empty()),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        String result = output.lines().filter(line -> line.startsWith("RESULT ")).findFirst().orElseThrow();
        assertThat(exit).as(output).isZero();
        assertThat(result).contains("produced=900 counted=900 lost=0 duplicated=0")
                .contains("outputs_expected=450").contains("outputs_lost=0").contains("outputs_reordered=0");
        assertThat(output).contains("SIGKILL").contains("Kafka broker (KRaft");
    }
}
