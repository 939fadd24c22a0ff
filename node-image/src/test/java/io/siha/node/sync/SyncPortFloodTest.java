package io.siha.node.sync;

import io.siha.node.ingest.SocketEnd;
import io.siha.node.net.PortLimits;
import io.siha.node.testing.CapturedStderr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.siha.node.sync.FrameCodecTest.concat;
import static io.siha.node.sync.FrameCodecTest.int32;
import static io.siha.node.sync.SyncReplicationTest.address;
import static io.siha.node.sync.TestEvents.range;
import static io.siha.node.sync.TestEvents.replicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sync port attacks of issue 11, scaled to seconds: connections that never finish a handshake are cut off fast,
 * the passive holds little for each, and the real active, connected before, replicates throughout, each batch
 * acknowledged within a second.
 */
class SyncPortFloodTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final int EPOCH = 3;

    private final PassiveQueue queue = new PassiveQueue(100_000);
    private SyncServer server;
    private SyncClient active;
    private final List<Socket> attackers = new ArrayList<>();
    private long replicated;

    @BeforeEach
    void start() {
        // The node's default handshake timeout and limits.
        server = new SyncServer(TestSettings.node("passive"), queue, SyncServer.DEFAULT_HANDSHAKE_TIMEOUT,
                PortLimits.SYNC);
        server.start("127.0.0.1", 0);
        active = new SyncClient(TestSettings.node("active"), EPOCH, new RecordingListener());
        active.connectTo(address(server.port()));
        activeIsServed();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : attackers) {
            socket.close();
        }
        active.close();
        server.close();
    }

    /** 100 more events from the real active, acknowledged within a second. */
    private void activeIsServed() {
        long from = replicated + 1;
        replicated += 100;
        long started = System.nanoTime();
        replicate(active, from, replicated);
        await().atMost(WITHIN).until(() -> active.ackedSeq() == replicated);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WITHIN);
    }

    private Socket attacker() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        attackers.add(socket);
        return socket;
    }

    /**
     * 150 connections each start a 1 MiB frame (the test's frame limit; the node's is 4.26 MB) before any handshake.
     * Before, each was buffered until the handshake timeout, and 150 of them ran the passive out of direct memory.
     * Now the first few get a REFUSED naming the 4 KiB limit before the handshake, the rest are closed by the cap,
     * all at once.
     */
    @Test
    void largeFramesBeforeTheHandshakeAreRefusedAtOnce() throws Exception {
        byte[] frameStart = concat(int32(TestSettings.MAX_FRAME_BYTES), new byte[16 * 1024]);
        List<Socket> flood = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Socket socket = attacker();
            try {
                socket.getOutputStream().write(frameStart);
            } catch (IOException e) {
                // closed by the cap while we wrote: what we want
            }
            flood.add(socket);
            if (i % 50 == 0) {
                activeIsServed();
            }
        }
        activeIsServed();
        int refusedForLength = 0;
        for (Socket socket : flood) {
            String seen = SocketEnd.readUntilClosed(socket, Duration.ofMillis(1500));
            assertThat(seen).as("the connection is closed within 1.5 s").isNotNull();
            if (seen.contains("frame length 1048576 is outside 2..4096 before the handshake")) {
                refusedForLength++;
            }
        }
        assertThat(refusedForLength).as("refused for the frame's length rather than by the cap").isPositive();
        activeIsServed();
        assertThat(queue.eventsAfter(0)).isEqualTo(range(1, replicated));
    }

    /**
     * The cap counts only connections still in their handshake: with the admitted active connected, 8 idle
     * unproven connections fill it and a 9th is closed at once, while the active goes on replicating. The idle ones
     * are closed at the handshake timeout, and then a new active is admitted.
     */
    @Test
    void theCapNeverCountsNorDropsTheAdmittedActive() throws Exception {
        assertThat(server.unauthenticatedConnections()).as("the admitted active does not count").isZero();
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < PortLimits.SYNC.maxConnections(); i++) {
            idle.add(attacker());
        }
        await().atMost(WITHIN).until(() -> server.unauthenticatedConnections() == PortLimits.SYNC.maxConnections());
        assertThat(SocketEnd.readUntilClosed(attacker(), Duration.ofMillis(500))).as("one over the cap").isEqualTo("");
        activeIsServed();
        assertThat(active.connected()).isTrue();

        for (Socket socket : idle) {
            assertThat(SocketEnd.readUntilClosed(socket, SyncServer.DEFAULT_HANDSHAKE_TIMEOUT.plusSeconds(2)))
                    .contains("no HELLO within 5000 ms");
        }
        await().atMost(WITHIN).until(() -> server.unauthenticatedConnections() == 0);
        try (SyncClient next = new SyncClient(TestSettings.node("next-active"), EPOCH + 1, new RecordingListener())) {
            next.connectTo(address(server.port()));
            await().atMost(WITHIN.multipliedBy(3)).until(next::connected);
        }
    }

    /**
     * 300 connections in a row fail the handshake. Before, each wrote a WARN line (26,057 lines from 3,700
     * connections). Now refusals are logged at most once per 10 s per kind, with the count of those left out.
     */
    @Test
    void refusalsAreLoggedAtMostOncePerIntervalWithACount() throws Exception {
        byte[] wrongSecret = "not-the-secret-but-long-enough".getBytes(StandardCharsets.UTF_8);
        try (CapturedStderr log = new CapturedStderr()) {
            for (int i = 0; i < 300; i++) {
                try (RawPeer peer = new RawPeer(server.port())) {
                    Frame answer = peer.handshake(TestSettings.GROUP, "intruder", EPOCH + 1, wrongSecret);
                    assertThat(answer).isEqualTo(new Frame.Refused(
                            "the handshake proof does not match the shared secret"));
                }
            }
            activeIsServed();
            long lines = log.text().lines().filter(line -> line.contains("sync connection from")).count();
            assertThat(lines).as("log lines for 300 refusals").isBetween(1L, 2L);
        }
    }
}
