package io.siha.node.sync;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static io.siha.node.sync.FrameCodecTest.bytes;
import static io.siha.node.sync.FrameCodecTest.concat;
import static io.siha.node.sync.FrameCodecTest.int32;
import static io.siha.node.sync.SyncReplicationTest.address;
import static io.siha.node.sync.TestEvents.range;
import static io.siha.node.sync.TestEvents.replicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Garbage on the sync port, before and after a handshake: each bad connection is closed, the queue keeps what
 * it had, and the real active is served afterwards.
 */
class SyncBadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int EPOCH = 3;

    private final PassiveQueue queue = new PassiveQueue(10_000);
    private final SyncServer server = new SyncServer(TestSettings.node("passive"), queue, Duration.ofSeconds(2));
    private SyncClient active;

    @BeforeEach
    void start() {
        server.start("127.0.0.1", 0);
        active = new SyncClient(TestSettings.node("active"), EPOCH, new RecordingListener());
        active.connectTo(address(server.port()));
        replicate(active, 1, 100);
        await().atMost(WAIT).until(() -> active.ackedSeq() == 100);
    }

    @AfterEach
    void stop() {
        active.close();
        server.close();
    }

    @Test
    void eachKindOfBadFrameClosesItsConnectionWithAReason() {
        // Before the handshake a peer sends only its HELLO: a frame of more than 4 KiB is refused unbuffered.
        assertThat(unauthenticated(int32(TestSettings.MAX_FRAME_BYTES + 1)))
                .isEqualTo("bad frame: frame length 1048577 is outside 2..4096 before the handshake");
        assertThat(unauthenticated(int32(4097)))
                .isEqualTo("bad frame: frame length 4097 is outside 2..4096 before the handshake");
        assertThat(authenticated(int32(TestSettings.MAX_FRAME_BYTES + 1)))
                .isEqualTo("bad frame: frame length 1048577 is outside 2..1048576");
        assertThat(unauthenticated(bytes(0xFF, 0xFF, 0xFF, 0xFF))).contains("frame length 4294967295");
        assertThat(unauthenticated(concat(int32(2), bytes(1, 42)))).isEqualTo("bad frame: unknown frame type 42");
        assertThat(unauthenticated(concat(int32(2), bytes(9, 2)))).contains("unsupported protocol version 9");
        assertThat(authenticated(concat(int32(2), bytes(1, 77)))).isEqualTo("bad frame: unknown frame type 77");
        assertThat(authenticated(eventsFrame(FrameCodecTest.bytes(0, 0, 0, 0, 0, 0, 0, 101), 1,
                bytes(0, 0, 0, 0, 0, 0, 0, 0, 1, 'a', 1, 's', 0, 1, 9))))
                .isEqualTo("bad frame: EVENTS event 0 attribute 0 has unknown type tag 9");
        assertThat(authenticatedFrame(TestEvents.frame(500, range(500, 500))))
                .isEqualTo("event seq 500 leaves a gap after seq 100");
        assertThat(authenticatedFrame(new Frame.Ack(1, 1))).isEqualTo("unexpected ACK frame after the handshake");

        assertQueueIntactAndActiveServed();
    }

    @Test
    void aTruncatedFrameClosesTheConnectionWhenThePeerGivesUp() {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.read();
            peer.sendBytes(concat(int32(500), new byte[100]));
            peer.shutdownOutput();

            assertThat(peer.awaitClosed()).isNull(); // nothing can be sent on a half-closed connection
        }
        assertQueueIntactAndActiveServed();
    }

    @Test
    void randomBytesBeforeAndAfterTheHandshakeNeverHurtTheQueueOrTheActive() {
        Random random = new Random(20240611);
        for (int i = 0; i < 1000; i++) {
            byte[] garbage = new byte[1 + random.nextInt(300)];
            random.nextBytes(garbage);
            if (i % 3 == 1) {
                garbage = concat(int32(garbage.length), garbage); // a plausible length: the body is the garbage
            }
            try (RawPeer peer = new RawPeer(server.port())) {
                if (i % 3 == 2) {
                    assertThat(peer.handshake(TestSettings.GROUP, "fuzzer", EPOCH, TestSettings.SECRET))
                            .isInstanceOf(Frame.Welcome.class);
                } else {
                    peer.read();
                }
                peer.sendBytes(garbage);
                peer.shutdownOutput(); // a body shorter than its length would otherwise wait for more
                peer.awaitClosed();
            }
            assertThat(queue.lastSeq()).as("iteration %d", i).isEqualTo(100);
        }
        assertQueueIntactAndActiveServed();
    }

    private void assertQueueIntactAndActiveServed() {
        assertThat(queue.eventsAfter(0)).isEqualTo(range(1, 100));
        replicate(active, 101, 200);
        await().atMost(WAIT).until(() -> active.ackedSeq() == 200);
        assertThat(queue.eventsAfter(0)).isEqualTo(range(1, 200));
    }

    private String unauthenticated(byte[] bytes) {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.read();
            peer.sendBytes(bytes);
            return peer.awaitClosed();
        }
    }

    private String authenticated(byte[] bytes) {
        try (RawPeer peer = new RawPeer(server.port())) {
            assertThat(peer.handshake(TestSettings.GROUP, "fuzzer", EPOCH, TestSettings.SECRET))
                    .isInstanceOf(Frame.Welcome.class);
            peer.sendBytes(bytes);
            return peer.awaitClosed();
        }
    }

    private String authenticatedFrame(Frame frame) {
        try (RawPeer peer = new RawPeer(server.port())) {
            assertThat(peer.handshake(TestSettings.GROUP, "fuzzer", EPOCH, TestSettings.SECRET))
                    .isInstanceOf(Frame.Welcome.class);
            peer.send(frame);
            return peer.awaitClosed();
        }
    }

    private static byte[] eventsFrame(byte[] firstSeq, int count, byte[] events) {
        byte[] body = concat(bytes(1, 5), firstSeq, FrameCodecTest.varint(count), events);
        return concat(int32(body.length), body);
    }
}
