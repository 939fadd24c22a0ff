package io.siha.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.client.SiHaClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.metrics.LatencyDistribution;

import java.time.Duration;

/**
 * The latency the passive adds to an acknowledgement, at a stated load: how long acknowledgements waited for the
 * passive to hold their events, from the active's own histogram (read before and after the measured interval, so
 * the warm-up does not count). The node measures from sequencing to the passive's ack, which is exactly what
 * replication adds; a client-side difference of two noisy latency distributions could not resolve 2 ms.
 */
final class ReplicationLatencyRun {

    static final int EVENTS_PER_SECOND = 10_000;

    private ReplicationLatencyRun() {
    }

    static LatencyDistribution ackWait(SiHaClient client, LocalNode active, Duration warmUp, Duration measure)
            throws InterruptedException {
        LoadRun.paced(client, BenchApps.FILTER, EVENTS_PER_SECOND, warmUp);
        LatencyDistribution before = ackWaitOf(active);
        LoadRun.paced(client, BenchApps.FILTER, EVENTS_PER_SECOND, measure);
        Thread.sleep(200); // the last batches' acknowledgements
        return ackWaitOf(active).minus(before);
    }

    private static LatencyDistribution ackWaitOf(LocalNode node) {
        JsonNode ackWait = node.status().orElseThrow(() -> new IllegalStateException(node.id()
                + " does not answer on its REST port")).path("ackWait");
        return new LatencyDistribution(longs(ackWait.path("boundsMicros")), longs(ackWait.path("counts")),
                ackWait.path("sumMicros").asLong());
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
