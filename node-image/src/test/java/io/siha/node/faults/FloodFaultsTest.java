package io.siha.node.faults;

import io.siha.api.NodeEnv;
import io.siha.client.Transport;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unauthenticated flood on both nodes' ingest ports during a SIGKILL failover, with real node processes and a
 * real PostgreSQL: 250 connections per port that claim 4 MiB bodies and frames without a token and hold them, opened
 * again as fast as the nodes close them. The pair has a token; its client keeps being served, the passive takes
 * over within seconds (it took 30 to 61 s before the ports were hardened), REST answers throughout, and nothing
 * acknowledged is lost.
 */
class FloodFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(FloodFaultsTest.class);
    private static final String TOKEN = "flood-test-token-0123456789";
    private static final int CONNECTIONS_PER_PORT = 250;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void anUnauthenticatedFloodDuringAFailoverNeitherStallsTheNewActiveNorLosesAnything() throws Exception {
        try (FaultRig rig = new FaultRig("fault-flood", 300, Map.of(NodeEnv.INGEST_TOKEN, TOKEN), false)) {
            LocalNode active = rig.start();
            LocalNode passive = rig.other(active);
            try (Traffic traffic = new Traffic(rig.pair);
                 UnauthenticatedFlood flood = flood(rig.pair.nodes()).start()) {
                traffic.awaitMore(300, Duration.ofSeconds(20));
                Thread.sleep(1000); // the flood at full strength on the active's ports
                long floodedAcks = traffic.acked();
                traffic.awaitMore(200, Duration.ofSeconds(10));
                List<Long> statusMs = new ArrayList<>();
                statusMs.add(statusRoundTripMs(active));

                long killAt = System.nanoTime();
                active.kill();
                long firstAck = traffic.awaitAckAfter(killAt, rig.index(passive), Duration.ofSeconds(30));
                long failoverMs = ms(firstAck - killAt);
                statusMs.add(statusRoundTripMs(passive));
                traffic.awaitMore(300, Duration.ofSeconds(20));
                active.start();
                rig.pair.awaitWhole(Duration.ofSeconds(60));
                traffic.awaitMore(300, Duration.ofSeconds(20));
                statusMs.add(statusRoundTripMs(passive));
                long opened = flood.opened();
                long closed = flood.closedByNode();

                FaultRig.Outcome outcome = rig.finish(traffic, "unauthenticated flood during a failover",
                        String.format("%d connections per ingest port (HTTP: 4 MiB Content-Length, binary: 4 MiB"
                                + " frame before HELLO, no token, held), %d opened, %d closed by the nodes; 1 SIGKILL"
                                + " of the active", CONNECTIONS_PER_PORT, opened, closed),
                        String.format("kill to first ack by the peer %d ms; /v1/status %s ms", failoverMs, statusMs));
                log.info("flood during a failover: first ack after {} ms, status round trips {} ms, {} acknowledged",
                        failoverMs, statusMs, outcome.acked());
                assertThat(traffic.acked()).as("acks went on under the flood").isGreaterThan(floodedAcks);
                assertThat(failoverMs).as("the new active serves despite the flood").isLessThan(10_000);
                assertThat(statusMs).as("REST answers under the flood").allMatch(ms -> ms < 2_000);
                assertThat(opened).as("the flood kept its connections coming").isGreaterThan(2 * CONNECTIONS_PER_PORT);
            }
        }
    }

    private static UnauthenticatedFlood flood(List<LocalNode> nodes) {
        UnauthenticatedFlood flood = new UnauthenticatedFlood(CONNECTIONS_PER_PORT);
        for (LocalNode node : nodes) {
            flood.target("127.0.0.1", node.ingestPort(Transport.HTTP), UnauthenticatedFlood.Opening.HTTP_BIG_BODY)
                    .target("127.0.0.1", node.ingestPort(Transport.BINARY),
                            UnauthenticatedFlood.Opening.BINARY_BIG_FRAME);
        }
        return flood;
    }

    private long statusRoundTripMs(LocalNode node) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(node.restUrl() + "/v1/status"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        return ms(System.nanoTime() - start);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
