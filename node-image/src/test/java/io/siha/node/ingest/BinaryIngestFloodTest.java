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
import io.siha.node.http.HttpServer;
import io.siha.node.net.PortLimits;
import io.siha.node.metrics.NodeMetrics;
import io.siha.node.rest.MetricsPage;
import io.siha.node.rest.RestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary ingest attacks of issue 11, scaled to seconds, against a port laid out as the node lays it out (ingest on
 * a 2-thread group, REST on its own loop): the attack is refused or cut off, and a normal client is served within a
 * second throughout, over binary ingest and REST.
 */
class BinaryIngestFloodTest {

    private static final String TOKEN = "binary-flood-token-0123456789";
    private static final int FOUR_MIB = 4 * 1024 * 1024;

    private final EventLoopGroup ingestGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SampleAppTarget app = new SampleAppTarget();
    private final DelayedAckTarget target = new DelayedAckTarget(app, 0);
    private final HttpServer rest = RestServer.open("127.0.0.1", 0, () -> {
        throw new IllegalStateException("/healthz needs no status");
    }, new MetricsPage(NodeMetrics.create("flood", "flood-0")));
    private final List<Socket> attackers = new ArrayList<>();
    private BinaryIngestServer server;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : attackers) {
            socket.close();
        }
        server.close();
        rest.close();
        app.close();
        ingestGroup.shutdownGracefully();
    }

    private void open(PortLimits limits) {
        server = BinaryIngestServer.open(ingestGroup, "127.0.0.1", 0, Optional.of(TOKEN), Optional.empty(), limits,
                target);
    }

    private void normalClientIsServed() throws IOException {
        NormalClient.sendsOverBinary(server.port(), TOKEN);
        NormalClient.probesRest(rest.port());
    }

    /**
     * 200 connections each start a 4 MiB frame before their HELLO. Before, each was buffered (up to 4 MiB a
     * connection) until the 10 s HELLO timeout, and REST and ingest froze. Now a frame before HELLO may be 4 KiB:
     * each gets an ERROR naming that limit at once, and is closed.
     */
    @Test
    void largeFramesBeforeHelloAreRefusedAtOnceWithoutBeingBuffered() throws Exception {
        open(PortLimits.INGEST);
        byte[] frameStart = ByteBufUtil.getBytes(Unpooled.buffer().writeInt(FOUR_MIB).writeZero(16 * 1024));
        List<RawIngestConnection> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RawIngestConnection connection = new RawIngestConnection(server.port());
            connection.writeBytes(frameStart);
            flood.add(connection);
            if (i % 50 == 0) {
                normalClientIsServed();
            }
        }
        normalClientIsServed();
        try {
            for (RawIngestConnection connection : flood) {
                connection.readTimeout(2_000);
                assertThat(connection.read()).isEqualTo(new IngestFrame.ConnectionError(RefusalCode.BAD_REQUEST,
                        "a frame longer than the limit of 4096 bytes before HELLO: it claims 4194304 bytes"));
                assertThat(connection.closedByNode()).isTrue();
            }
        } finally {
            for (RawIngestConnection connection : flood) {
                connection.close();
            }
        }
        normalClientIsServed();
        assertThat(app.counted()).as("only the normal client's events").isEqualTo(6);
    }

    /**
     * An admitted client sends up to 3,000,000 frames that each draw a NACK (an unknown app) and never reads one.
     * Before, the node read on regardless and queued the NACKs (2,000,000 grew its RSS by 420 MB). Now it stops
     * reading once the connection's unsent replies pass the high water mark: the client's writes stall with most of
     * its frames unsent, and the node looked at a bounded number of them.
     */
    @Test
    void aClientThatDoesNotReadItsNacksIsNoLongerRead() throws Exception {
        open(PortLimits.INGEST);
        int frames = 3_000_000;
        byte[] chunk = repeated(new IngestFrame.Events(1, "Nope", "Orders", List.of(ClientEvent.of("x", "eu", 1L))),
                1000);
        AtomicLong written = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<IOException> writeFailed = new AtomicReference<>();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        attackers.add(socket);
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        out.write(frame(new IngestFrame.Hello(IngestCodec.VERSION, TOKEN)));
        Thread writer = new Thread(() -> {
            try {
                while (written.get() < frames) {
                    out.write(chunk);
                    written.addAndGet(1000);
                }
                done.set(true);
            } catch (IOException e) {
                writeFailed.set(e); // the node closed the connection (or the test did, at its end)
            }
        }, "nack-flood");
        writer.setDaemon(true);
        writer.start();

        long stalledSince = System.nanoTime();
        long last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.get() && writeFailed.get() == null && System.nanoTime() < deadline
                && System.nanoTime() - stalledSince < Duration.ofSeconds(2).toNanos()) {
            long now = written.get();
            if (now != last) {
                last = now;
                stalledSince = System.nanoTime();
            }
            normalClientIsServed();
            Thread.sleep(100);
        }
        System.out.printf("NACK flood: %d of %d frames written before the writes stalled, %d read by the node%n",
                written.get(), frames, target.inputs());
        assertThat(writeFailed.get()).as("the node keeps the connection open, it only stops reading").isNull();
        assertThat(done.get()).as("all %d frames written: the node read them all", frames).isFalse();
        assertThat(written.get()).as("frames written before the writes stalled").isLessThan(frames / 3);
        long looked = target.inputs();
        assertThat(looked).as("frames the node read and answered").isLessThan(frames / 3);
        Thread.sleep(500);
        assertThat(target.inputs()).as("the node stays stopped").isLessThan(looked + 10_000);
        normalClientIsServed();
        socket.close();
    }

    /**
     * A client sends its HELLO, then half a frame, and nothing more. Before, that held the connection for ever.
     * Now the read timeout (here 1 s) closes it.
     */
    @Test
    void aHalfFrameAfterHelloIsCutOffByTheReadTimeout() throws Exception {
        open(PortLimits.INGEST.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        try (RawIngestConnection half = RawIngestConnection.admitted(server.port(), TOKEN)) {
            half.writeBytes(ByteBufUtil.getBytes(Unpooled.buffer().writeInt(100).writeZero(10)));
            long started = System.nanoTime();
            half.readTimeout(4_000);
            normalClientIsServed();
            assertThat(half.closedByNode()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500),
                    Duration.ofSeconds(3));
        }
        normalClientIsServed();
    }

    /** Connections beyond the cap are closed at once; an admitted client's open connection is still served. */
    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
        open(PortLimits.INGEST.withMaxConnections(16));
        try (RawIngestConnection normal = RawIngestConnection.admitted(server.port(), TOKEN)) {
            int closed = 0;
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                attackers.add(socket);
                if (SocketEnd.closedWithin(socket, Duration.ofMillis(20))) {
                    closed++;
                }
            }
            assertThat(closed).isGreaterThanOrEqualTo(100 - 15);
            normal.readTimeout(1_000);
            normal.write(new IngestFrame.Events(5, "Counter", "Orders", List.of(ClientEvent.of("kept", "eu", 1L))));
            assertThat(normal.read()).isEqualTo(new IngestFrame.Ack(5, 1));
        }
    }

    private static byte[] frame(IngestFrame frame) {
        ByteBuf buf = Unpooled.buffer();
        IngestCodec.encode(frame, buf);
        return ByteBufUtil.getBytes(buf);
    }

    private static byte[] repeated(IngestFrame frame, int times) {
        byte[] one = frame(frame);
        ByteBuf buf = Unpooled.buffer(one.length * times);
        for (int i = 0; i < times; i++) {
            buf.writeBytes(one);
        }
        return ByteBufUtil.getBytes(buf);
    }
}
