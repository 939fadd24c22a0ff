package io.siha.node.faults;

import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's short version: 10 consecutive SIGKILL failovers with traffic and the two-active check. */
class SigkillTimelineTest {

    private static final Logger log = LoggerFactory.getLogger(SigkillTimelineTest.class);

    @Test
    void tenSigkillFailoversLoseNothingAndNeverShowTwoActives() throws Exception {
        SigkillRounds.Result result = SigkillRounds.run("fault-ten-kills", 10, () -> { });
        log.info("10 SIGKILL failovers: {} acknowledged, {} counted, kill to first ack p50/max {}/{} ms {}, timeline {}",
                result.acked(), result.counted(), Traffic.percentile(result.failoverMillis(), 50),
                Traffic.percentile(result.failoverMillis(), 100), result.failoverMillis(), result.timeline());
        assertThat(result.failoverMillis()).hasSize(10);
        assertThat(result.timeline().handovers()).as("every kill moved the serving node").isGreaterThanOrEqualTo(10);
        assertThat(result.acked()).isGreaterThan(500);
        assertThat(result.counted()).as("the app's count equals the acknowledged count").isEqualTo(result.acked());
    }
}
