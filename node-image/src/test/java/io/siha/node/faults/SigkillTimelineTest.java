package io.siha.node.faults;

import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's short version: 6 consecutive SIGKILL failovers with traffic and the two-active check. */
class SigkillTimelineTest {

    private static final Logger log = LoggerFactory.getLogger(SigkillTimelineTest.class);
    /** FailoverSoak runs as many as asked; the fault suite of CI runs these. */
    private static final int KILLS = 6;

    @Test
    void sixSigkillFailoversLoseNothingAndNeverShowTwoActives() throws Exception {
        SigkillRounds.Result result = SigkillRounds.run("fault-six-kills", KILLS, () -> { });
        log.info("{} SIGKILL failovers: {} acknowledged, {} counted, kill to first ack p50/max {}/{} ms {}, timeline {}",
                KILLS, result.acked(), result.counted(), Traffic.percentile(result.failoverMillis(), 50),
                Traffic.percentile(result.failoverMillis(), 100), result.failoverMillis(), result.timeline());
        assertThat(result.failoverMillis()).hasSize(KILLS);
        assertThat(result.timeline().handovers()).as("every kill moved the serving node").isGreaterThanOrEqualTo(KILLS);
        assertThat(result.acked()).isGreaterThan(500);
        assertThat(result.counted()).as("the app's count equals the acknowledged count").isEqualTo(result.acked());
    }
}
