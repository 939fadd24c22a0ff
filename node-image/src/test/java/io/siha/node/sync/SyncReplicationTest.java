package io.siha.node.sync;

import io.siha.node.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.siha.node.sync.TestEvents.event;
import static io.siha.node.sync.TestEvents.range;
import static io.siha.node.sync.TestEvents.replicate;
import static io.siha.node.sync.TestEvents.seqs;
import static io.siha.node.sync.TestEvents.seqsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** An active's client and a passive's server on loopback, replicating for real. */
class SyncReplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void eventsAreReplicatedInOrderAndAckedInOrder() {
        PassiveQueue queue = new PassiveQueue(10_000);
        SyncServer server = server(queue);
        SyncClient client = client(7);
        client.connectTo(address(server.port()));
        await().atMost(WAIT).until(client::connected);

        replicate(client, 1, 5000);

        await().atMost(WAIT).until(() -> client.ackedSeq() == 5000);
        assertThat(queue.eventsAfter(0)).isEqualTo(range(1, 5000));
        assertThat(listener.acks).isSorted().doesNotHaveDuplicates().endsWith(5000L);
        assertThat(listener.connectionChanges).containsExactly(true);
        assertThat(server.connected()).isTrue();
        assertThat(server.highestEpochSeen()).isEqualTo(7);
        assertThat(client.peerQueueFillPercent()).isEqualTo(50);
    }

    @Test
    void persistedTrimsTheJournalAtOnceAndThePassiveQueueByAControlMessage() {
        PassiveQueue queue = new PassiveQueue(1000);
        SyncServer server = server(queue);
        SyncClient client = client(1);
        client.connectTo(address(server.port()));
        replicate(client, 1, 100);
        await().atMost(WAIT).until(() -> client.ackedSeq() == 100);
        assertThat(client.journalSize()).isEqualTo(100);

        client.persisted(3, 60);

        assertThat(client.journalSize()).isEqualTo(40);
        await().atMost(WAIT).until(() -> queue.persistedSeq() == 60);
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(61, 100));
        await().atMost(WAIT).until(() -> client.peerQueueFillPercent() == 4);
    }

    @Test
    void aFullQueueStallsTheAcksDropsNothingAndAControlMessageResumesTheFlow() {
        PassiveQueue queue = new PassiveQueue(100);
        SyncServer server = server(queue);
        SyncClient client = client(1);
        client.connectTo(address(server.port()));

        replicate(client, 1, 250);

        await().atMost(WAIT).until(() -> client.ackedSeq() == 100);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> client.ackedSeq() == 100);
        assertThat(queue.size()).isEqualTo(100);
        assertThat(client.journalSize()).isEqualTo(250);
        assertThat(client.peerQueueFillPercent()).isEqualTo(100);
        assertThat(client.connected()).isTrue();

        client.persisted(1, 100);
        await().atMost(WAIT).until(() -> client.ackedSeq() == 200);
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(101, 200));

        client.persisted(2, 200);
        await().atMost(WAIT).until(() -> client.ackedSeq() == 250);
        assertThat(queue.eventsAfter(0)).isEqualTo(range(201, 250));
        assertThat(client.journalSize()).isEqualTo(50);
        assertThat(listener.connectionChanges).containsExactly(true); // never dropped the connection
    }

    @Test
    void aCutConnectionIsRestoredAndTheJournalResentWithoutGapsOrDuplicates() {
        PassiveQueue queue = new PassiveQueue(100_000);
        SyncServer server = server(queue);
        TcpProxy proxy = new TcpProxy(server.port());
        resources.add(proxy);
        SyncClient client = client(1);
        client.connectTo(address(proxy.port()));
        replicate(client, 1, 300);
        await().atMost(WAIT).until(() -> client.ackedSeq() == 300);

        proxy.cut(); // with nothing in flight
        replicate(client, 301, 600);
        await().atMost(WAIT).until(() -> !client.connected());
        assertThat(client.ackedSeq()).isEqualTo(300);
        proxy.heal();
        await().atMost(WAIT).until(() -> client.ackedSeq() == 600);

        replicate(client, 601, 20_000);
        proxy.cut(); // in the middle of a burst
        proxy.heal();
        replicate(client, 20_001, 30_000);

        await().atMost(WAIT).until(() -> client.ackedSeq() == 30_000);
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(1, 30_000));
        assertThat(queue.eventsAfter(29_990)).isEqualTo(range(29_991, 30_000));
        assertThat(listener.connectionChanges).startsWith(true, false, true);
        assertThat(listener.acks).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aPassiveRestartedEmptyGetsTheControlMessageThenTheJournalAfterIt() {
        SyncServer first = server(new PassiveQueue(1000));
        SyncClient client = client(1);
        client.connectTo(address(first.port()));
        replicate(client, 1, 100);
        client.persisted(7, 50);
        await().atMost(WAIT).until(() -> client.ackedSeq() == 100);

        first.close();
        await().atMost(WAIT).until(() -> !client.connected());
        replicate(client, 101, 120); // journaled while no passive is there
        PassiveQueue emptyQueue = new PassiveQueue(1000);
        SyncServer restarted = server(emptyQueue);
        client.connectTo(address(restarted.port())); // its member row advertises the new address

        await().atMost(WAIT).until(() -> emptyQueue.lastSeq() == 120);
        assertThat(emptyQueue.persistedSeq()).isEqualTo(50);
        assertThat(emptyQueue.eventsAfter(0)).isEqualTo(range(51, 120));
        await().atMost(WAIT).until(() -> client.ackedSeq() == 120);
    }

    @Test
    void aNewActiveWhoseJournalStartsLaterWaitsForItsFirstPersistToBridgeTheGap() {
        PassiveQueue queue = new PassiveQueue(1000);
        SyncServer server = server(queue);
        SyncClient client = client(2);
        client.connectTo(address(server.port()));
        await().atMost(WAIT).until(client::connected);

        replicate(client, 501, 510); // after a takeover that restored up to 500, before persisting

        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> queue.lastSeq() == 0);
        assertThat(client.ackedSeq()).isZero();
        client.persisted(4, 500);
        await().atMost(WAIT).until(() -> client.ackedSeq() == 510);
        assertThat(queue.eventsAfter(0)).isEqualTo(range(501, 510));
        assertThat(client.connected()).isTrue();
    }

    @Test
    void connectToIsIdempotentFollowsAnAddressChangeAndNullDisconnects() {
        SyncServer one = server(new PassiveQueue(1000));
        PassiveQueue twoQueue = new PassiveQueue(1000);
        SyncServer two = server(twoQueue);
        SyncClient client = client(1);

        client.connectTo(address(one.port()));
        await().atMost(WAIT).until(one::connected);
        client.connectTo(address(one.port()));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> listener.connectionChanges.size() == 1);

        client.connectTo(address(two.port()));
        await().atMost(WAIT).until(() -> two.connected() && !one.connected() && client.connected());
        replicate(client, 1, 10);
        await().atMost(WAIT).until(() -> twoQueue.lastSeq() == 10);

        client.connectTo(null);
        await().atMost(WAIT).until(() -> !two.connected() && !client.connected());
        assertThat(listener.connectionChanges).containsExactly(true, false, true, false);
    }

    @Test
    void replicateRefusesWhatCannotBeSentAtTheCaller() {
        SyncClient client = client(1);
        client.replicate(event(1));

        assertThatThrownBy(() -> client.replicate(event(3))).hasMessageContaining("does not follow seq 1");
        assertThatThrownBy(() -> client.replicate(new SyncEvent(2, 0, "a".repeat(300), "s", null, new Object[0])))
                .hasMessageContaining("app must have 1 to 255");
        Object[] huge = {"x".repeat(TestSettings.MAX_FRAME_BYTES)};
        assertThatThrownBy(() -> client.replicate(new SyncEvent(2, 0, "a", "s", null, huge)))
                .hasMessageContaining("more than a sync frame holds");
        assertThat(client.journalSize()).isEqualTo(1);
    }

    @Test
    void aServerThatCannotBindSaysWhere() {
        SyncServer taken = server(new PassiveQueue(10));
        SyncServer second = new SyncServer(TestSettings.node("passive-2"), new PassiveQueue(10));
        resources.add(second);

        assertThatThrownBy(() -> second.start("127.0.0.1", taken.port()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot bind the event sync server to 127.0.0.1:" + taken.port());
    }

    private SyncServer server(PassiveQueue queue) {
        SyncServer server = new SyncServer(TestSettings.node("passive"), queue);
        resources.add(server);
        server.start("127.0.0.1", 0);
        return server;
    }

    private SyncClient client(long epoch) {
        SyncClient client = new SyncClient(TestSettings.node("active"), epoch, listener);
        resources.add(client);
        return client;
    }

    static InetSocketAddress address(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
