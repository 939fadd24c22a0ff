package io.siha.node.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's demo, shortened: orders through the app's HTTP source, a receiver outage, a SIGKILL of the active. */
class DemoTest {

    @Test
    void theDemoLosesNoOrderAndNoAlert() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new Demo(new DemoOptions(400, 200, 10), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();

        String output = printed.toString(StandardCharsets.UTF_8);
        String result = output.lines().filter(line -> line.startsWith("RESULT ")).findFirst().orElseThrow();
        assertThat(exit).as(output).isZero();
        assertThat(result).contains("sent=400 acked=400 counted=400 lost=0 duplicated=0")
                .contains("outputs_expected=200").contains("outputs_lost=0").contains("outputs_reordered=0");
        assertThat(output).contains("SIGKILL").contains("receiver is down");
    }
}
