package io.siha.node.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's options: {@code --kafka} is a flag, the others take a value, and a bad one is named. */
class DemoOptionsTest {

    @Test
    void kafkaIsAFlagAmongTheOthers() {
        assertThat(DemoOptions.parse(new String[] {"--kafka", "--events", "600"}))
                .isEqualTo(new DemoOptions(600, 300, 10, true, Optional.empty()));
        assertThat(DemoOptions.parse(new String[] {"--events", "600", "--kafka", "--kafka-lib", "/opt/kafka/libs"}))
                .isEqualTo(new DemoOptions(600, 300, 10, true, Optional.of(Path.of("/opt/kafka/libs"))));
        assertThat(DemoOptions.parse(new String[0])).isEqualTo(DemoOptions.DEFAULTS);
    }

    @Test
    void aBadOptionIsNamed() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--kafka-lib", "/x"}))
                .hasMessageContaining("--kafka-lib is for the Kafka demo: add --kafka");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--events"})).hasMessage("--events needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--kill-at", "9", "--events", "9"}))
                .hasMessageContaining("must be below --events 9");
    }
}
