package io.siha.node.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siha.api.NodeEnv;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.LocalPair;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node processes log in the format SIHA_LOG_FORMAT says, their role and epoch in every line: one node of the pair
 * writes JSON (one object a line), the other text.
 */
class NodeLogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEXT_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\S+ (TRACE|DEBUG|INFO|WARN|ERROR) +\\[[^]]+] \\S+ \\[(active|passive) epoch \\d+] - .*");

    @Test
    void oneNodeLogsJsonTheOtherTextBothUnderTheirRoleAndEpoch() throws Exception {
        try (LocalPair pair = LocalPair.builder("log-format").nodeEnv(0, NodeEnv.LOG_FORMAT, "json")
                .nodeEnv(1, NodeEnv.LOG_FORMAT, "text").build().start()) {
            LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
            long epoch = active.status().orElseThrow().path("epoch").asLong();
            LocalNode json = pair.nodes().get(0);
            LocalNode text = pair.nodes().get(1);

            List<JsonNode> objects = new ArrayList<>();
            for (String line : Files.readAllLines(json.log())) {
                objects.add(JSON.readTree(line)); // throws on a line that is not JSON
            }
            assertThat(objects).allSatisfy(line -> assertThat(line.has("level") && line.has("formattedMessage")
                    && line.has("timestamp") && line.path("mdc").path("node").asText().equals(json.id()))
                    .as(line.toString()).isTrue());
            assertThat(objects.get(0).path("mdc").path("role").asText()).as("a node starts passive")
                    .isEqualTo("passive");
            List<String> lines = Files.readAllLines(text.log()).stream()
                    .filter(line -> !line.startsWith("\t") && !line.startsWith("Caused by")).toList();
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).matches(TEXT_LINE));

            String takeover = "takeover epoch " + epoch + " done";
            if (active == json) {
                assertThat(objects).filteredOn(line -> line.path("formattedMessage").asText().startsWith(takeover))
                        .singleElement().satisfies(line -> {
                            assertThat(line.path("mdc").path("role").asText()).isEqualTo("active");
                            assertThat(line.path("mdc").path("epoch").asText()).isEqualTo(String.valueOf(epoch));
                        });
            } else {
                assertThat(lines).filteredOn(line -> line.contains(takeover)).singleElement().satisfies(line ->
                        assertThat(line).contains("[active epoch " + epoch + "] - " + takeover));
            }
        }
    }
}
