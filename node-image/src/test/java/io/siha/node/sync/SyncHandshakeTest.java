package io.siha.node.sync;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.siha.node.sync.SyncReplicationTest.address;
import static io.siha.node.sync.TestEvents.range;
import static io.siha.node.sync.TestEvents.replicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Who the passive listens to: only the current active of its own group that proves the shared secret. */
class SyncHandshakeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final PassiveQueue queue = new PassiveQueue(10_000);
    private final SyncServer server = new SyncServer(TestSettings.node("passive"), queue, Duration.ofMillis(300));
    private final RecordingListener listener = new RecordingListener();
    private SyncClient active;

    @BeforeEach
    void start() {
        server.start("127.0.0.1", 0);
        active = new SyncClient(TestSettings.node("active"), 5, listener);
        active.connectTo(address(server.port()));
        await().atMost(WAIT).until(active::connected);
    }

    @AfterEach
    void stop() {
        active.close();
        server.close();
    }

    @Test
    void aWrongSecretAWrongGroupAndAStaleEpochAreRefusedWhileTheActiveIsServed() {
        replicate(active, 1, 100);

        assertThat(refusal(TestSettings.GROUP, 6, "not-the-secret-but-long-enough".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("the handshake proof does not match the shared secret");
        assertThat(refusal("other-group", 6, TestSettings.SECRET))
                .isEqualTo("cluster group 'other-group' is not this node's");
        assertThat(refusal(TestSettings.GROUP, 4, TestSettings.SECRET)).isEqualTo("stale epoch 4 < 5");

        replicate(active, 101, 200);
        await().atMost(WAIT).until(() -> active.ackedSeq() == 200);
        assertThat(queue.eventsAfter(0)).isEqualTo(range(1, 200));
        assertThat(server.highestEpochSeen()).isEqualTo(5);
        assertThat(listener.connectionChanges).containsExactly(true);
    }

    @Test
    void aServerToldOfANewerTermRefusesTheOlderActive() {
        server.refuseEpochsBelow(7);
        assertThat(refusal(TestSettings.GROUP, 6, TestSettings.SECRET)).isEqualTo("stale epoch 6 < 7");
        assertThat(server.highestEpochSeen()).as("still the epoch actually synced with").isEqualTo(5);
    }

    @Test
    void aClientWithTheWrongSecretNeverConnectsNorReachesTheQueue() {
        SyncSettings wrong = new SyncSettings(TestSettings.GROUP, "intruder",
                "an-entirely-different-secret".getBytes(StandardCharsets.UTF_8), 100, TestSettings.MAX_FRAME_BYTES);
        RecordingListener intruderListener = new RecordingListener();
        try (SyncClient intruder = new SyncClient(wrong, 99, intruderListener)) {
            intruder.connectTo(address(server.port()));
            intruder.replicate(TestEvents.event(1));

            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !intruder.connected());
            assertThat(intruderListener.connectionChanges).isEmpty();
            assertThat(queue.lastSeq()).isZero();
            assertThat(server.highestEpochSeen()).isEqualTo(5);
            assertThat(active.connected()).isTrue();
        }
    }

    @Test
    void aHigherEpochReplacesTheLowerOneWhichIsRefusedFromThenOn() {
        replicate(active, 1, 50);
        await().atMost(WAIT).until(() -> active.ackedSeq() == 50);
        RecordingListener newListener = new RecordingListener();

        try (SyncClient newActive = new SyncClient(TestSettings.node("new-active"), 6, newListener)) {
            newActive.connectTo(address(server.port()));

            await().atMost(WAIT).until(() -> newActive.connected() && !active.connected());
            assertThat(server.highestEpochSeen()).isEqualTo(6);
            replicate(active, 51, 60); // the deposed active's events must not reach the queue
            newActive.persisted(1, 50); // its takeover's snapshot: its state includes events 1..50
            replicate(newActive, 51, 100); // and it continues the history it took over
            await().atMost(WAIT).until(() -> newActive.ackedSeq() == 100);
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !active.connected());
            assertThat(queue.eventsAfter(0)).isEqualTo(range(51, 100));
            assertThat(active.ackedSeq()).isEqualTo(50);
            assertThat(listener.connectionChanges).containsExactly(true, false);
        }
    }

    @Test
    void aHigherEpochWhoseStateLacksTheQueuedEventsIsRefusedAndTheQueueKeepsThem() {
        replicate(active, 1, 50);
        await().atMost(WAIT).until(() -> active.ackedSeq() == 50);
        active.close();

        // A node that took over from an older snapshot (seq 20), without the events this passive holds.
        try (SyncClient behind = new SyncClient(TestSettings.node("behind"), 6, new RecordingListener())) {
            behind.persisted(1, 20);
            replicate(behind, 21, 30);
            behind.connectTo(address(server.port()));

            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !behind.connected());
            assertThat(behind.ackedSeq()).isLessThan(21);
            assertThat(queue.eventsAfter(0)).isEqualTo(range(1, 50));
            assertThat(queue.uncoveredEventsThrough()).isEqualTo(50);
            assertThat(queue.historyEpoch()).isEqualTo(5);
        }
    }

    @Test
    void theSameEpochReconnectingReplacesItsOwnOldConnection() {
        try (RawPeer sameActiveAgain = new RawPeer(server.port())) {
            Frame answer = sameActiveAgain.handshake(TestSettings.GROUP, "active", 5, TestSettings.SECRET);

            assertThat(answer).isInstanceOf(Frame.Welcome.class);
            await().atMost(WAIT).until(() -> listener.connectionChanges.contains(false));
        }
    }

    @Test
    void anythingButHelloBeforeTheHandshakeClosesTheConnection() {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.read();
            peer.send(new Frame.Control(1, 1_000_000));

            assertThat(peer.awaitClosed()).isEqualTo("expected HELLO, got CONTROL");
        }
        assertThat(queue.persistedSeq()).isZero();
    }

    @Test
    void aPeerThatNeverSaysHelloIsClosedAfterTheHandshakeTimeout() {
        try (RawPeer silent = new RawPeer(server.port())) {
            assertThat(silent.read()).isInstanceOf(Frame.Challenge.class);

            assertThat(silent.awaitClosed()).isEqualTo("no HELLO within 300 ms");
        }
    }

    @Test
    void aHelloReplayedOnAnotherConnectionFailsBecauseTheNonceDiffers() {
        Frame.Hello recorded;
        try (RawPeer first = new RawPeer(server.port())) {
            Frame.Challenge challenge = (Frame.Challenge) first.read();
            recorded = new Frame.Hello(TestSettings.GROUP, "active", 7,
                    HandshakeProof.compute(TestSettings.SECRET, challenge.nonce(), TestSettings.GROUP, "active", 7));
        }
        try (RawPeer replay = new RawPeer(server.port())) {
            replay.read();
            replay.send(recorded);

            assertThat(replay.awaitClosed()).isEqualTo("the handshake proof does not match the shared secret");
        }
        assertThat(server.highestEpochSeen()).isEqualTo(5);
    }

    private String refusal(String group, long epoch, byte[] secret) {
        try (RawPeer peer = new RawPeer(server.port())) {
            Frame answer = peer.handshake(group, "someone", epoch, secret);
            assertThat(answer).isInstanceOf(Frame.Refused.class);
            String reason = ((Frame.Refused) answer).reason();
            assertThat(reason).doesNotContain(TestSettings.SECRET_TEXT);
            assertThat(peer.awaitClosed()).isNull();
            return reason;
        }
    }
}
