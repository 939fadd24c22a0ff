package io.siha.node.net;

import io.siha.node.testing.CapturedStderr;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A line per kind per interval, the next one counting those left out; kinds do not silence each other. */
class RateLimitedLogTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class),
            Duration.ofSeconds(10), now::get);

    @Test
    void oneLinePerIntervalPerKindWithTheCountOfThoseLeftOut() {
        try (CapturedStderr stderr = new CapturedStderr()) {
            assertThat(log.warn("cap", "refused {}", 1)).isTrue();
            for (int i = 2; i <= 100; i++) {
                assertThat(log.warn("cap", "refused {}", i)).isFalse();
            }
            assertThat(log.warn("timeout", "slow {}", 1)).as("another kind has a window of its own").isTrue();
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            assertThat(log.warn("cap", "refused {}", 101)).isTrue();
            assertThat(log.warn("cap", "refused {}", 102)).isFalse();

            String text = stderr.text();
            assertThat(text).contains("refused 1").contains("slow 1")
                    .contains("refused 101 (99 more like it not logged, at most one line per 10 s)")
                    .doesNotContain("refused 2").doesNotContain("refused 102");
        }
    }

    @Test
    void beyondTheKindLimitTheRestShareOneWindow() {
        for (int i = 0; i < RateLimitedLog.MAX_KINDS; i++) {
            assertThat(log.warn("kind " + i, "line")).isTrue();
        }
        assertThat(log.warn("one more", "line")).isTrue();
        assertThat(log.warn("and another", "line")).as("shares the window of the kinds over the limit").isFalse();
    }
}
