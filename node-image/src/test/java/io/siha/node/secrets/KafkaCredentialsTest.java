package io.siha.node.secrets;

import io.siha.api.NodeEndpoints;
import io.siha.node.demo.KafkaOutputs;
import io.siha.node.demo.LocalNode;
import io.siha.node.kafka.KafkaBroker;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.SecretLeakScanner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka credentials from the environment, as a pod gets them from a Secret ({@code spec.pod.env} / {@code envFrom}):
 * a real pair whose apps name their SASL passwords as {@code ${NAME}} reads and writes (through a transactional sink)
 * a real broker that takes only SASL/PLAIN logins; beside it apps with a wrong password and with a broker name that does not resolve fail, and say
 * so. Then the nodes' whole output, their status and their metrics are searched for every password: none may appear.
 */
class KafkaCredentialsTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaCredentialsTest.class);
    private static final String WRONG_PASSWORD = "kafka-wrong-R4t8Yu2Io6Pz";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void appsLogInWithPasswordsFromTheEnvironmentAndNoPasswordShows() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startSasl()) {
            broker.createTopic("cred-in", 1);
            broker.createTopic("cred-out", 1);
            String servers = broker.bootstrapServers();
            Map<String, String> env = Map.of("KAFKA_USER", KafkaBroker.SASL_USER,
                    "KAFKA_PASSWORD", KafkaBroker.SASL_PASSWORD, "KAFKA_WRONG_PASSWORD", WRONG_PASSWORD);
            try (LocalPair pair = LocalPair.builder("kafka-credentials").env(env)
                    .app("relay.siddhi", relay("CredRelay", servers, "KAFKA_PASSWORD", "cred-out", "transactional"))
                    .app("wrong.siddhi", relay("WrongPassword", servers, "KAFKA_WRONG_PASSWORD", "cred-wrong",
                            "idempotent"))
                    .app("unresolved.siddhi", relay("NoSuchBroker", "no-such-broker.invalid:9092", "KAFKA_PASSWORD",
                            "cred-none", "idempotent"))
                    .build().start()) {
                LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
                for (int i = 1; i <= 3; i++) {
                    broker.send("cred-in", 0, "{\"event\":{\"region\":\"eu\",\"amount\":" + i + "}}");
                }
                List<ConsumerRecord<byte[], byte[]>> relayed = broker.readAll("cred-out", 3, Duration.ofSeconds(60));
                assertThat(relayed).as("the orders relayed by the app that logged in")
                        .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                        .containsExactly("{\"event\":{\"region\":\"eu\",\"amount\":1}}",
                                "{\"event\":{\"region\":\"eu\",\"amount\":2}}",
                                "{\"event\":{\"region\":\"eu\",\"amount\":3}}");
                assertThat(relayed).extracting(KafkaOutputs::outputId).doesNotContain("");
                await("the wrong password and the unknown broker reported").atMost(Duration.ofSeconds(60))
                        .until(() -> {
                            String logs = Files.readString(active.log());
                            return logs.contains("Authentication failed") && logs.contains("no-such-broker.invalid");
                        });

                SecretLeakScanner scanner = new SecretLeakScanner(Map.of("the Kafka password",
                        KafkaBroker.SASL_PASSWORD, "a wrong Kafka password", WRONG_PASSWORD));
                for (LocalNode node : pair.nodes()) {
                    scanner.scan("the output of " + node.id(), Files.readString(node.log()));
                    for (String endpoint : List.of(NodeEndpoints.STATUS, NodeEndpoints.METRICS)) {
                        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(node.restUrl()
                                + endpoint)).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(reply.statusCode()).isEqualTo(200);
                        scanner.scan(endpoint + " of " + node.id(), reply.body());
                    }
                }
                log.info("searched {} characters of two nodes' output, status and metrics for 2 passwords",
                        scanner.scannedChars());
                assertThat(scanner.findings()).as("passwords found").isEmpty();
            }
        }
    }

    /**
     * An app relaying topic cred-in of {@code servers} to {@code out} with a sink of {@code delivery}, logged in as
     * {@code ${KAFKA_USER}} with the password of variable {@code passwordVariable} (a transactional sink's read-back
     * consumer too).
     */
    private static String relay(String app, String servers, String passwordVariable, String out, String delivery) {
        String login = "security.protocol:SASL_PLAINTEXT,sasl.mechanism:PLAIN,sasl.jaas.config:"
                + "org.apache.kafka.common.security.plain.PlainLoginModule required username='${KAFKA_USER}'"
                + " password='${" + passwordVariable + "}';";
        return """
                @app:name('%s')
                @source(type='kafka', topic.list='cred-in', group.id='%s', bootstrap.servers='%s',
                    partition.no.list='0', optional.configuration="%s", @map(type='json'))
                define stream Orders (region string, amount long);
                @sink(type='kafka', topic='%s', bootstrap.servers='%s', delivery='%s', optional.configuration="%s",
                    @map(type='json'))
                define stream Relayed (region string, amount long);
                from Orders select region, amount insert into Relayed;
                """.formatted(app, app, servers, login, out, servers, delivery, login);
    }
}
