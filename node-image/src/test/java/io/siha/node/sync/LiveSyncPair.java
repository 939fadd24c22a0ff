package io.siha.node.sync;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real passive sync server with a real active replicating to it over loopback, for tests outside this package
 * that throw bytes at the server on connections of their own: {@link #sendRaw} opens one, sends, and reports how
 * the server closed it; {@link #replicateMore} shows that the active is still served.
 */
public final class LiveSyncPair implements AutoCloseable {

    /** The epoch of the active; a raw peer that authenticates claims the same one (the active reconnecting). */
    private static final long EPOCH = 7;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final PassiveQueue queue = new PassiveQueue(100_000);
    private final SyncServer server = new SyncServer(TestSettings.node("passive"), queue, Duration.ofSeconds(2));
    private final SyncClient active;
    private long replicated;

    /** Starts the server and connects the active; returns once it has replicated {@code events} events. */
    public LiveSyncPair(int events) {
        server.start("127.0.0.1", 0);
        active = new SyncClient(TestSettings.node("active"), EPOCH, new RecordingListener());
        active.connectTo(new InetSocketAddress("127.0.0.1", server.port()));
        replicateMore(events);
    }

    /**
     * Connects, authenticates first if asked (proving the secret, so the bytes reach the frame handling of an
     * admitted peer), sends {@code bytes}, ends the stream and waits for the server to close the connection.
     *
     * @return the reason of the server's REFUSED frame, or null when it closed without one
     * @throws AssertionError when the server keeps the connection open
     */
    public String sendRaw(byte[] bytes, boolean authenticateFirst) {
        try (RawPeer peer = new RawPeer(server.port())) {
            if (authenticateFirst) {
                Frame welcome = peer.handshake(TestSettings.GROUP, "raw-peer", EPOCH, TestSettings.SECRET);
                if (!(welcome instanceof Frame.Welcome)) {
                    throw new AssertionError("the raw peer was not admitted: " + welcome);
                }
            } else {
                peer.read(); // the CHALLENGE
            }
            peer.sendBytes(bytes);
            peer.shutdownOutput(); // a frame shorter than its length would otherwise wait for the rest
            return peer.awaitClosed();
        }
    }

    /** Replicates {@code events} more events and waits until the passive has acknowledged all of them. */
    public void replicateMore(int events) {
        TestEvents.replicate(active, replicated + 1, replicated + events);
        replicated += events;
        await("the passive acknowledges seq " + replicated).atMost(WAIT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).until(() -> active.ackedSeq() == replicated);
    }

    /** Whether the passive's queue holds exactly the events the active replicated, nothing else. */
    public boolean queueHoldsExactlyWhatWasReplicated() {
        List<SyncEvent> held = queue.eventsAfter(0);
        return queue.lastSeq() == replicated && held.equals(TestEvents.range(1, replicated));
    }

    public long replicated() {
        return replicated;
    }

    @Override
    public void close() {
        active.close();
        server.close();
    }
}
