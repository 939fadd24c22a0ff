package io.siha.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.client.SiHaClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.ha.LatencyHistogram;

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

    static LatencyHistogram.Snapshot ackWait(SiHaClient client, LocalNode active, Duration warmUp, Duration measure)
            throws InterruptedException {
        LoadRun.paced(client, BenchApps.FILTER, EVENTS_PER_SECOND, warmUp);
        LatencyHistogram.Snapshot before = ackWaitOf(active);
        LoadRun.paced(client, BenchApps.FILTER, EVENTS_PER_SECOND, measure);
        Thread.sleep(200); // the last batches' acknowledgements
        return ackWaitOf(active).minus(before);
    }

    private static LatencyHistogram.Snapshot ackWaitOf(LocalNode node) {
        JsonNode ackWait = node.status().orElseThrow(() -> new IllegalStateException(node.id()
                + " does not answer on its REST port")).path("ackWait");
        JsonNode counts = ackWait.path("counts");
        long[] values = new long[counts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.get(i).asLong();
        }
        return new LatencyHistogram.Snapshot(values, ackWait.path("sumMicros").asLong());
    }
}
