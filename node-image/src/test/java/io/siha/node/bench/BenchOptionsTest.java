package io.siha.node.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void kafkaRunsTheKafkaBenchOnTheBrokerJarsGiven() {
        BenchOptions options = BenchOptions.parse(new String[] {"--kafka", "--kafka-lib", "/opt/kafka/libs", "--quick"});

        assertThat(options.kafka()).isTrue();
        assertThat(options.quick()).isTrue();
        assertThat(options.kafkaLib()).contains(Path.of("/opt/kafka/libs"));
        assertThat(BenchOptions.parse(new String[0]).kafkaLib()).isEqualTo(Optional.empty());
    }

    @Test
    void standbyRunsTheStandbyComparisonAloneAndNotWithKafka() {
        assertThat(BenchOptions.parse(new String[] {"--standby", "--quick"}).standby()).isTrue();
        assertThat(BenchOptions.parse(new String[0]).standby()).isFalse();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--standby", "--kafka"}))
                .hasMessageContaining("separate benches");
        assertThat(BenchOptions.parse(new String[] {"--state"}).state()).isTrue();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--state", "--standby"}))
                .hasMessageContaining("separate benches");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--kafka-lib"}))
                .hasMessageContaining("--kafka-lib needs a directory");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--kafak"}))
                .hasMessageContaining("unknown option '--kafak'").hasMessageContaining("--kafka");
    }
}
