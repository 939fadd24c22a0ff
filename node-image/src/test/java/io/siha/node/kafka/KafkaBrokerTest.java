package io.siha.node.kafka;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The test broker is a real one: a record written to it is read back from it. Prints how long it took to start. */
class KafkaBrokerTest {

    @Test
    void aRecordWrittenIsReadBack() {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopic("broker-smoke", 2);
        broker.send("broker-smoke", 1, "hello");
        assertThat(broker.readAll("broker-smoke", 1, Duration.ofSeconds(30)))
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8)).containsExactly("hello");
        System.out.println("KAFKA_BROKER_START_MS " + broker.startMs());
    }
}
