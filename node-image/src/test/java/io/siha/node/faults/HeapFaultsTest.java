package io.siha.node.faults;

import io.siha.node.demo.Demo;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apps' state outgrowing the heap, under acknowledged traffic, with real node processes (256 MB heaps) and a real
 * PostgreSQL: a client sends notes of 512 KiB into a 15-second window until the active refuses them, saying the
 * state outgrows its memory (the window is long so that a slow machine, sending fewer notes a second, fills it
 * too); then the active is killed, the passive takes over the large state, and once the window has moved on both
 * apps count exactly what was acknowledged.
 */
class HeapFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(HeapFaultsTest.class);
    private static final String HOARD_APP = """
            @app:name('Hoard')
            define stream Notes (kind string, body string);
            define window Held (kind string, body string) time(15 sec);
            define table NotesSeen (kind string, n long);

            from Notes insert into Held;

            from Notes
            select kind, count() as n
            group by kind
            update or insert into NotesSeen
              set NotesSeen.n = n
              on NotesSeen.kind == kind;
            """;
    private static final int NOTE_CHARS = 512 * 1024;
    private static final List<String> SMALL_HEAP = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void stateOutgrowingTheHeapIsRefusedWithAClearErrorAndNothingAcknowledgedIsLost() throws Exception {
        try (FaultRig rig = new FaultRig("fault-heap", 1000, Map.of(), false,
                // Heartbeats of 500 ms (a lease of 1.5 s): a full collection of a crowded 256 MB heap on a loaded
                // machine can pause a node longer than the suite's 600 ms lease, which is a failover, not this test.
                pair -> pair.app("hoard.siddhi", HOARD_APP).jvmOptions(SMALL_HEAP).heartbeatMs(500))) {
            NodeLogs logs = NodeLogs.from(rig.pair.nodes());
            rig.start();
            try (Traffic traffic = new Traffic(rig.pair)) {
                traffic.awaitMore(300, Duration.ofSeconds(20));

                long hoardStart = System.nanoTime();
                long notesAcked = 0;
                String refusal = null;
                LocalNode active = rig.pair.awaitActive();
                String body = "n".repeat(NOTE_CHARS);
                while (refusal == null && System.nanoTime() - hoardStart < Duration.ofSeconds(90).toNanos()) {
                    active = rig.pair.awaitActive();
                    HttpResponse<String> reply;
                    try {
                        reply = postNote(active, "note-" + notesAcked, body);
                    } catch (java.io.IOException e) {
                        continue; // the node stopped being active mid-request: the same note again, same id
                    }
                    if (reply.statusCode() == 200) {
                        notesAcked++;
                    } else if (reply.statusCode() == 503 && reply.body().contains("outgrows")) {
                        assertThat(reply.headers().firstValue("Retry-After")).as("says when to retry").hasValue("1");
                        refusal = reply.body();
                    } else {
                        assertThat(reply.statusCode()).as("only a node no longer active refuses otherwise: %s",
                                reply.body()).isEqualTo(503);
                    }
                }
                LocalNode passive = rig.other(active);
                long refusedMs = ms(System.nanoTime() - hoardStart);
                assertThat(refusal).as("the active refused new events before its heap ran out").isNotNull()
                        .contains("outgrows this node's memory").contains("retry");
                // (The refusal itself may be over already: a window moving on shrinks the state. The count stays.)
                long refusedEvents = active.status().orElseThrow().path("memory").path("refusedEvents").asLong();
                assertThat(refusedEvents).as("refusals counted on /v1/status").isPositive();

                long killAt = System.nanoTime();
                active.kill();
                long firstAck = traffic.awaitAckAfter(killAt, rig.index(passive), Duration.ofSeconds(60));
                active.start();
                rig.pair.awaitWhole(Duration.ofSeconds(60));
                traffic.awaitMore(300, Duration.ofSeconds(30));
                long notesCounted = Demo.countIn(rig.pair.client().query("Hoard", "from NotesSeen select n"));

                FaultRig.Outcome outcome = rig.finish(traffic, "state outgrows the heap",
                        String.format("%d notes of 512 KiB into a 15 s window, 256 MB heaps, until the active refused"
                                + " them (%d events refused), then 1 SIGKILL of the active", notesAcked, refusedEvents),
                        String.format("first refusal after %d ms; kill to first ack by the peer %d ms; notes"
                                + " acknowledged / counted %d / %d", refusedMs, ms(firstAck - killAt), notesAcked,
                                notesCounted));
                log.info("state outgrows the heap: {} notes acknowledged, {} counted; counter {} / {}", notesAcked,
                        notesCounted, outcome.acked(), outcome.counted());
                assertThat(notesCounted).as("notes counted equal notes acknowledged").isEqualTo(notesAcked);
                assertThat(notesAcked).as("state grew well past a small heap's share").isGreaterThan(40);
                for (LocalNode node : rig.pair.nodes()) {
                    assertThat(logs.since(node)).as("no node ran out of memory")
                            .doesNotContain("OutOfMemoryError");
                }
            }
        }
    }

    private HttpResponse<String> postNote(LocalNode node, String id, String body) throws Exception {
        String json = "[{\"$id\":\"" + id + "\",\"kind\":\"note\",\"body\":\"" + body + "\"}]";
        return http.send(HttpRequest.newBuilder(URI.create(node.ingestUrl() + "/v1/apps/Hoard/streams/Notes"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
