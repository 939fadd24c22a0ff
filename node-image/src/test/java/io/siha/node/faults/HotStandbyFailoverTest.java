package io.siha.node.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.api.NodeEnv;
import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL failovers of a pair running hot standbys: the new active continues from its standby's runtime, with no
 * snapshot restored and no event replayed, and nothing is lost, counted twice or alerted other than the acknowledged
 * orders say.
 */
class HotStandbyFailoverTest {

    private static final Logger log = LoggerFactory.getLogger(HotStandbyFailoverTest.class);
    private static final int KILLS = 4;
    private static final Pattern TAKEOVER = Pattern.compile(
            "takeover epoch \\d+ done in (\\d+) ms: (.*)");

    @Test
    void everySigkillFailoverContinuesFromTheHotStandbyAndLosesNothing() throws Exception {
        int[] rounds = {0};
        // After the last kill the pair runs on past a digest interval (10 x 300 ms), so the passive compares one.
        SigkillRounds.Result result = SigkillRounds.run("fault-hot-standby", KILLS,
                Map.of(NodeEnv.STANDBY_MODE, "hot"), () -> pauseAfterTheLast(++rounds[0]));

        List<String> takeovers = new ArrayList<>();
        List<Long> tookMs = new ArrayList<>();
        for (String nodeLog : result.logs()) {
            Matcher line = TAKEOVER.matcher(nodeLog);
            while (line.find()) {
                takeovers.add(line.group(2));
                tookMs.add(Long.parseLong(line.group(1)));
            }
        }
        log.info("{} SIGKILL failovers from hot standbys: {} acknowledged, {} counted, alerts {}, kill to first ack"
                        + " {} ms, takeovers {} ms: {}", KILLS, result.acked(), result.counted(), result.alerts(),
                result.failoverMillis(), tookMs, takeovers);
        assertThat(result.acked()).isGreaterThan(500);
        assertThat(result.counted()).as("the app's count equals the acknowledged count").isEqualTo(result.acked());
        assertThat(result.alerts().sound()).as("alerts: %s", result.alerts()).isTrue();
        assertThat(takeovers).as("a takeover per kill").hasSizeGreaterThanOrEqualTo(KILLS);
        assertThat(takeovers).as("every takeover took the hot standby's runtime")
                .allSatisfy(takeover -> assertThat(takeover).startsWith("hot standby at seq")
                        .contains("replayed 0 queued events").doesNotContain("restore the latest snapshot"));
        assertThat(Traffic.percentile(result.failoverMillis(), 100)).isPositive();
        List<JsonNode> standbys = result.statuses().stream().map(status -> status.orElseThrow().path("standby"))
                .toList();
        assertThat(standbys).allSatisfy(standby -> {
            assertThat(standby.path("mode").asText()).isEqualTo("hot");
            assertThat(standby.path("divergences").asLong()).as("divergences: %s", standby).isZero();
        });
        assertThat(standbys.stream().mapToLong(standby -> standby.path("digestsMatched").asLong()).sum())
                .as("the passive compared its state with the active's: %s", standbys).isPositive();
    }

    private static void pauseAfterTheLast(int round) {
        if (round == KILLS) {
            try {
                Thread.sleep(4_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
