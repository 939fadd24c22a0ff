package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.siha.api.SiHaDefaults;

/**
 * Failure detection. The active renews its lease every interval; the lease lasts interval x (maxRetries + 1), so with
 * the defaults a dead active is replaced after about 3 s.
 */
public class HeartbeatSpec {

    // Below 100 ms the lease renewals alone would load the database; above a minute failover is too slow to be HA.
    @Default("" + SiHaDefaults.HEARTBEAT_INTERVAL_MS)
    @Min(100)
    @Max(60_000)
    @JsonPropertyDescription("Milliseconds between two lease renewals of the active node.")
    private long intervalMs = SiHaDefaults.HEARTBEAT_INTERVAL_MS;

    @Default("" + SiHaDefaults.HEARTBEAT_MAX_RETRIES)
    @Min(1)
    @Max(10)
    @JsonPropertyDescription("Heartbeats the active may miss before its lease expires and the passive takes over.")
    private int maxRetries = SiHaDefaults.HEARTBEAT_MAX_RETRIES;

    public long getIntervalMs() {
        return intervalMs;
    }

    public void setIntervalMs(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }
}
