package io.siha.node.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.client.ClientEvent;
import io.siha.client.IngestCodec;
import io.siha.client.IngestFrame;
import io.siha.client.RefusalCode;
import io.siha.client.SiHaClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The binary ingest port over real sockets, fed good and bad input; the app's count shows what was taken. */
class BinaryIngestServerTest {

    private static final String TOKEN = "binary-ingest-token-0123456789";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SampleAppTarget target = new SampleAppTarget();
    private BinaryIngestServer server;

    @AfterEach
    void close() {
        server.close();
        target.close();
        group.shutdownGracefully();
    }

    private void open(Optional<String> token) {
        server = BinaryIngestServer.open(group, "127.0.0.1", 0, token, Optional.empty(), target);
    }

    private static IngestFrame.Events orders(long requestId, ClientEvent... events) {
        return new IngestFrame.Events(requestId, "Counter", "Orders", List.of(events));
    }

    private static byte[] frame(IngestFrame frame) {
        ByteBuf buf = Unpooled.buffer();
        IngestCodec.encode(frame, buf);
        return ByteBufUtil.getBytes(buf);
    }

    /** A frame with the given body bytes, length prefix and all. */
    private static byte[] frame(ByteBuf body) {
        return ByteBufUtil.getBytes(Unpooled.buffer().writeInt(body.readableBytes()).writeBytes(body));
    }

    /**
     * An EVENTS frame of one Counter/Orders event written field by field, to carry an id or timestamp the client
     * library would refuse to send.
     */
    private static byte[] ordersFrameWith(long requestId, String id, long timestamp) {
        ByteBuf body = Unpooled.buffer().writeByte(4).writeLong(requestId);
        for (String s : List.of("Counter", "Orders")) {
            body.writeShort(s.length()).writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
        body.writeInt(1).writeShort(id.length()).writeBytes(id.getBytes(StandardCharsets.UTF_8)).writeLong(timestamp)
                .writeShort(2).writeByte(1).writeInt(2).writeBytes("eu".getBytes(StandardCharsets.UTF_8))
                .writeByte(3).writeLong(1);
        return frame(body);
    }

    /** Reads answers until one for each of {@code count} requests has come; keyed by request id. */
    private static Map<Long, IngestFrame> answers(RawIngestConnection connection, int count) throws Exception {
        Map<Long, IngestFrame> answers = new HashMap<>();
        while (answers.size() < count) {
            IngestFrame answer = connection.read();
            long id = answer instanceof IngestFrame.Ack ack ? ack.requestId() : ((IngestFrame.Nack) answer).requestId();
            answers.put(id, answer);
        }
        return answers;
    }

    @Test
    void pipelinedBatchesAreEachAcknowledgedByRequestIdAndCounted() throws Exception {
        open(Optional.empty());
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            connection.write(orders(1, ClientEvent.of("a", "eu", 1L), ClientEvent.of(null, "us", 2L)),
                    orders(2, ClientEvent.of("b", "eu", 3)), // an Integer for the long attribute: nothing is lost
                    orders(3, new ClientEvent("c", 1_700_000_000_000L, "eu", 4L)));
            assertThat(answers(connection, 3)).containsEntry(1L, new IngestFrame.Ack(1, 2))
                    .containsEntry(2L, new IngestFrame.Ack(2, 1)).containsEntry(3L, new IngestFrame.Ack(3, 1));
        }
        assertThat(target.counted()).isEqualTo(4);
    }

    @Test
    void everyKindOfBadBatchGetsANackNamingTheProblemAndTheConnectionServesOn() throws Exception {
        open(Optional.empty());
        List<ClientEvent> tooMany = Collections.nCopies(IngestCodec.MAX_EVENTS_PER_FRAME + 1,
                ClientEvent.of("same", "eu", 1L));
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            connection.write(
                    new IngestFrame.Events(1, "Nope", "Orders", List.of(ClientEvent.of("e", "eu", 1L))),
                    new IngestFrame.Events(2, "Counter", "Refunds", List.of(ClientEvent.of("e", "eu", 1L))),
                    orders(3, ClientEvent.of("e", "eu", 1L, true)),
                    orders(4, ClientEvent.of("ok", "eu", 1L), ClientEvent.of("bad", "eu", "one")),
                    orders(5, ClientEvent.of("e", "eu", 1.5)),
                    orders(6, ClientEvent.of("e", 5, 1L)),
                    orders(7),
                    new IngestFrame.Events(8, "Counter", "Orders", tooMany));
            connection.writeBytes(ordersFrameWith(9, "x".repeat(257), 0));
            connection.writeBytes(ordersFrameWith(10, "e", -5));
            connection.write(orders(11, ClientEvent.of("good-1", "eu", 1L), ClientEvent.of("good-2", "eu", 2)));

            Map<Long, IngestFrame> answers = answers(connection, 11);
            Map<Long, String> nacks = new HashMap<>();
            answers.forEach((id, answer) -> {
                if (answer instanceof IngestFrame.Nack nack) {
                    nacks.put(id, nack.code() + " " + nack.message());
                }
            });
            assertThat(nacks).containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(nacks.get(1L)).startsWith("UNKNOWN_STREAM unknown app 'Nope'");
            assertThat(nacks.get(2L)).startsWith("UNKNOWN_STREAM unknown stream 'Refunds'");
            assertThat(nacks.get(3L)).isEqualTo("BAD_REQUEST event 0: stream 'Orders' has 2 attributes (region string, "
                    + "amount long), got 3 values");
            assertThat(nacks.get(4L)).isEqualTo("BAD_REQUEST event 1: attribute 'amount' must be a whole number within "
                    + "64 bits (long), got \"one\"");
            assertThat(nacks.get(5L)).isEqualTo("BAD_REQUEST event 0: attribute 'amount' must be a whole number within "
                    + "64 bits (long), got 1.5");
            assertThat(nacks.get(6L)).isEqualTo("BAD_REQUEST event 0: attribute 'region' must be a string, got 5");
            assertThat(nacks.get(7L)).isEqualTo("BAD_REQUEST the batch holds no event");
            assertThat(nacks.get(8L)).isEqualTo("BAD_REQUEST too many events in one batch: 10001 > 10000");
            assertThat(nacks.get(9L)).startsWith("BAD_REQUEST event 0: $id must be a string of 1 to 256 characters");
            assertThat(nacks.get(10L)).isEqualTo("BAD_REQUEST event 0: timestamp must be epoch milliseconds >= 0 "
                    + "(0: the node's clock), got -5");
            assertThat(answers.get(11L)).isEqualTo(new IngestFrame.Ack(11, 2));
        }
        assertThat(target.counted()).as("only the valid batch was taken, nothing of a refused one").isEqualTo(2);
    }

    @Test
    void aFrameThatCannotBeReadGetsAnErrorAndClosesThatConnectionOnly() throws Exception {
        open(Optional.empty());
        byte[] wrongMagic = frame(new IngestFrame.Hello(IngestCodec.VERSION, null));
        wrongMagic[5] = 'X';
        ByteBuf unknownTag = Unpooled.wrappedBuffer(frame(orders(1, ClientEvent.of("e", "eu", 1L))));
        unknownTag.setByte(unknownTag.writerIndex() - 9, 9); // the long's tag
        byte[] truncated = frame(Unpooled.wrappedBuffer(frame(orders(1, ClientEvent.of("e", "eu", 1L))), 4, 20));
        Map<String, byte[]> beforeHello = new HashMap<>();
        beforeHello.put("BAD_REQUEST not an si-ha binary ingest client: HELLO magic is 0x58694841", wrongMagic);
        beforeHello.put("UNSUPPORTED_VERSION protocol version 2 is not supported; this node speaks version 1",
                frame(new IngestFrame.Hello(2, null)));
        beforeHello.put("BAD_REQUEST the first frame must be HELLO, got Events",
                frame(orders(1, ClientEvent.of("e", "eu", 1L))));
        beforeHello.put("BAD_REQUEST a frame longer than the limit of 4096 bytes before HELLO",
                "POST /v1/apps/Counter/streams/Orders HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Map<String, byte[]> afterHello = new HashMap<>();
        afterHello.put("BAD_REQUEST a frame longer than the limit of 4194304 bytes",
                new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 4});
        afterHello.put("BAD_REQUEST unknown frame type 42", new byte[] {0, 0, 0, 1, 42});
        afterHello.put("BAD_REQUEST empty frame", new byte[] {0, 0, 0, 0});
        afterHello.put("BAD_REQUEST event 0: value 1: unknown type tag 9", ByteBufUtil.getBytes(unknownTag));
        afterHello.put("BAD_REQUEST truncated frame: it ends inside EVENTS", truncated);
        afterHello.put("BAD_REQUEST a client sends only EVENTS after its HELLO, got Hello",
                frame(new IngestFrame.Hello(IngestCodec.VERSION, null)));

        for (Map.Entry<String, byte[]> bad : beforeHello.entrySet()) {
            try (RawIngestConnection connection = new RawIngestConnection(server.port())) {
                connection.writeBytes(bad.getValue());
                assertRefused(connection, bad.getKey());
            }
        }
        for (Map.Entry<String, byte[]> bad : afterHello.entrySet()) {
            try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
                // A valid batch behind the bad frame, in the same write: it must not be taken either.
                connection.writeBytes(concat(bad.getValue(), frame(orders(2, ClientEvent.of("after", "eu", 1L)))));
                assertRefused(connection, bad.getKey());
            }
        }
        assertThat(target.counted()).as("nothing behind a bad frame was taken").isZero();
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            connection.write(orders(7, ClientEvent.of("fine", "eu", 1L)));
            assertThat(connection.read()).isEqualTo(new IngestFrame.Ack(7, 1));
        }
        assertThat(target.counted()).isEqualTo(1);
    }

    private static void assertRefused(RawIngestConnection connection, String codeAndMessage) throws Exception {
        IngestFrame answer = connection.read();
        assertThat(answer).isInstanceOf(IngestFrame.ConnectionError.class);
        IngestFrame.ConnectionError error = (IngestFrame.ConnectionError) answer;
        assertThat(error.code() + " " + error.message()).startsWith(codeAndMessage);
        assertThat(connection.closedByNode()).as("closed after " + codeAndMessage).isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void randomBytesAndHalfFramesCloseThatConnectionAndTheServerKeepsServing() throws Exception {
        open(Optional.empty());
        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + random.nextInt(2000)];
            random.nextBytes(garbage);
            try (RawIngestConnection connection = new RawIngestConnection(server.port())) {
                connection.writeBytes(garbage);
            } catch (java.net.SocketException e) {
                // the node closed first: fine, as long as it keeps serving below
            }
        }
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            byte[] whole = frame(orders(1, ClientEvent.of("cut", "eu", 1L)));
            connection.writeBytes(java.util.Arrays.copyOf(whole, whole.length - 3)); // and then hang up
        }
        try (SiHaClient client = SiHaClient.builder().endpoints("127.0.0.1:" + server.port()).build()) {
            List<java.util.concurrent.CompletableFuture<Void>> acked = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                acked.add(client.send("Counter", "Orders", "client-" + i, "eu", (long) i));
            }
            acked.forEach(java.util.concurrent.CompletableFuture::join);
        }
        assertThat(target.counted()).as("nothing of the garbage or the half frame, all of the client's")
                .isEqualTo(250);
    }

    @Test
    void withATokenAHelloWithoutItOrWithAnotherIsRefusedAndNothingBehindItTaken() throws Exception {
        open(Optional.of(TOKEN));
        byte[] events = frame(orders(1, ClientEvent.of("e", "eu", 1L)));
        for (String token : new String[] {null, "wrong-token"}) {
            try (RawIngestConnection connection = new RawIngestConnection(server.port())) {
                connection.writeBytes(concat(frame(new IngestFrame.Hello(IngestCodec.VERSION, token)), events));
                assertRefused(connection, token == null
                        ? "UNAUTHORIZED this port requires a token: send it in HELLO"
                        : "UNAUTHORIZED the bearer token is not accepted");
            }
        }
        assertThat(target.counted()).isZero();
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), TOKEN)) {
            connection.writeBytes(events);
            assertThat(connection.read()).isEqualTo(new IngestFrame.Ack(1, 1));
        }
        assertThat(target.counted()).isEqualTo(1);
    }

    @Test
    void aNodeThatStopsBeingActiveAnswersNotActiveAndSaysToRetry() throws Exception {
        open(Optional.empty());
        target.failSubmits();
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            connection.write(orders(5, ClientEvent.of("e", "eu", 1L)));
            IngestFrame.Nack nack = (IngestFrame.Nack) connection.read();
            assertThat(nack.requestId()).isEqualTo(5);
            assertThat(nack.code()).isEqualTo(RefusalCode.NOT_ACTIVE);
            assertThat(nack.message()).contains("node is no longer active").contains("retry with the same ids");
        }
    }

    @Test
    void anActiveThatTakesNoEventsForNowAnswersBusy() throws Exception {
        open(Optional.empty());
        target.pauseSubmits();
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            connection.write(orders(6, ClientEvent.of("e", "eu", 1L)));
            IngestFrame.Nack nack = (IngestFrame.Nack) connection.read();
            assertThat(nack.requestId()).isEqualTo(6);
            assertThat(nack.code()).isEqualTo(RefusalCode.BUSY);
            assertThat(nack.code().retriable()).isTrue();
            assertThat(nack.message()).contains("outputs wait for their receiver").contains("retry with the same ids");
        }
        assertThat(target.counted()).isZero();
    }

    @Test
    void closingTheServerAlsoClosesOpenConnections() throws Exception {
        open(Optional.empty());
        try (RawIngestConnection connection = RawIngestConnection.admitted(server.port(), null)) {
            server.close();
            assertThat(connection.closedByNode()).isTrue();
        }
    }
}
