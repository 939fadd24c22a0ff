package io.siha.node.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.client.ClientEvent;
import io.siha.client.IngestCodec;
import io.siha.client.IngestFrame;
import io.siha.node.ingest.BinaryIngestServer;
import io.siha.node.ingest.RawIngestConnection;
import io.siha.node.ingest.SampleAppTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated bytes on a real binary ingest port, after a valid HELLO: every answer is an ACK, a NACK or an
 * ERROR (then the node closes), or the node waits for the rest of a frame; the app counts exactly the events of the
 * ACKs; and a valid batch on a new connection is still acknowledged afterwards.
 */
class BinaryIngestFuzzTest {

    /** How long to wait for more answers: a cut frame leaves the node waiting for its rest, which is not an error. */
    private static final int QUIET_MS = 100;
    private static final AtomicLong IDS = new AtomicLong();

    private static EventLoopGroup group;
    private static SampleAppTarget target;
    private static BinaryIngestServer server;

    @BeforeAll
    static void open() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        target = new SampleAppTarget();
        server = BinaryIngestServer.open(group, "127.0.0.1", 0, Optional.empty(), Optional.empty(), target);
    }

    @AfterAll
    static void close() {
        server.close();
        target.close();
        group.shutdownGracefully();
    }

    @Test
    void randomBytesAreAnsweredOrWaitedOnAndTakeNothingUnacknowledged() {
        Fuzz.tries(60, random -> sendAndCheck(Draw.bytes(random, 0, 300)));
    }

    @Test
    void mutatedEventsFramesAreCountedExactlyWhenAcknowledged() {
        Fuzz.tries(120, random -> sendAndCheck(ByteMutation.several(random, 3).apply(validFrames(random))));
    }

    private static void sendAndCheck(byte[] bytes) throws IOException {
        long before = target.counted();
        long acknowledged;
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            connection.writeBytes(bytes);
            acknowledged = acknowledgedUntilQuietOrClosed(connection);
        }
        assertThat(target.counted() - before).as("events counted = events acknowledged").isEqualTo(acknowledged);
        assertAValidBatchIsStillAcknowledged();
    }

    /** Reads the node's answers; each must be one a client understands. Returns the events the ACKs cover. */
    private static long acknowledgedUntilQuietOrClosed(RawIngestConnection connection) throws IOException {
        connection.readTimeout(QUIET_MS);
        long acknowledged = 0;
        while (true) {
            IngestFrame answer;
            try {
                answer = connection.read();
            } catch (SocketTimeoutException quiet) {
                return acknowledged;
            } catch (EOFException | SocketException closed) {
                return acknowledged;
            }
            if (answer instanceof IngestFrame.Ack ack) {
                acknowledged += ack.count();
            } else if (answer instanceof IngestFrame.ConnectionError error) {
                assertThat(error.message()).as("an ERROR names the problem").isNotBlank();
            } else {
                assertThat(answer).as("an answer to a client's frames").isInstanceOf(IngestFrame.Nack.class);
                assertThat(((IngestFrame.Nack) answer).message()).isNotBlank();
            }
        }
    }

    private static void assertAValidBatchIsStillAcknowledged() throws IOException {
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            connection.write(orders(1, event()));
            assertThat(connection.read()).isInstanceOf(IngestFrame.Ack.class);
        }
    }

    /** One to three valid EVENTS frames of the sample app, one to five events each, back to back. */
    private static byte[] validFrames(Random random) {
        ByteBuf buf = Unpooled.buffer();
        int frames = Draw.between(random, 1, 3);
        for (int f = 0; f < frames; f++) {
            List<ClientEvent> events = new ArrayList<>();
            for (int e = Draw.between(random, 1, 5); e > 0; e--) {
                events.add(event());
            }
            IngestCodec.encode(orders(f + 1, events.toArray(ClientEvent[]::new)), buf);
        }
        return ByteBufUtil.getBytes(buf);
    }

    private static ClientEvent event() {
        return ClientEvent.of("fuzz-" + IDS.incrementAndGet(), "eu", 1L);
    }

    private static IngestFrame.Events orders(long requestId, ClientEvent... events) {
        return new IngestFrame.Events(requestId, "Counter", "Orders", List.of(events));
    }
}
