package io.siha.node.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.siha.node.demo.OutputCheck;
import io.siha.node.demo.OutputReceiver;
import io.siha.node.engine.HttpPostSink;
import io.siha.node.http.HttpReplies;
import io.siha.node.http.HttpServer;
import io.siha.node.net.PortLimits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The receiver of the bench apps' HTTP sinks: answers every POST 200 and keeps each output (its Idempotency-Key and
 * body, for {@link OutputCheck}) and the instant it arrived, for the delivery rate and the gaps around a kill. Not the
 * demo's {@link OutputReceiver}: that one copies its whole list at every arrival, fine for the demo's 1,500 outputs,
 * quadratic for the bench's hundreds of thousands, and keeps no arrival times. It runs on the node's own Netty HTTP
 * server, on an event loop of its own: the receiver's cost is part of the delivery rate, so it should be small.
 */
final class RecordingReceiver implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpServer server;
    private final List<OutputReceiver.Received> received = new ArrayList<>();
    /** {@link System#nanoTime()} of each arrival, in arrival order (so ascending). */
    private long[] arrivals = new long[4_096];

    RecordingReceiver() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-receiver", true),
                NioIoHandler.newFactory());
        server = HttpServer.start("bench receiver", group, "127.0.0.1", 0, Optional.empty(), PortLimits.REST,
                MAX_BODY_BYTES, Optional.empty(), Recorder::new).owning(group);
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/outputs";
    }

    /** One connection's requests, on the event loop: every request is an output. */
    private final class Recorder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            record(request.headers().get(HttpPostSink.IDEMPOTENCY_KEY),
                    request.content().toString(StandardCharsets.UTF_8));
            HttpReplies.json(ctx, HttpReplies.keepAlive(request), HttpResponseStatus.OK, "{}");
        }

        /** A sink's connection reset by a SIGKILL of its node is part of the run, not worth a stack trace. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private synchronized void record(String key, String body) {
        if (received.size() == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, arrivals.length * 2);
        }
        arrivals[received.size()] = System.nanoTime();
        received.add(new OutputReceiver.Received(key, body));
    }

    /** Outputs that arrived from {@code fromNanos} (inclusive) to {@code toNanos} (exclusive). */
    synchronized long arrivedBetween(long fromNanos, long toNanos) {
        return firstAtOrAfter(toNanos) - firstAtOrAfter(fromNanos);
    }

    /** The arrival instants so far, ascending. */
    synchronized long[] arrivalNanos() {
        return Arrays.copyOf(arrivals, received.size());
    }

    /** The first arrival at or after {@code nanos}, if any. */
    synchronized OptionalLong firstArrivalFrom(long nanos) {
        int first = firstAtOrAfter(nanos);
        return first < received.size() ? OptionalLong.of(arrivals[first]) : OptionalLong.empty();
    }

    /**
     * How long no output arrived around an outage: from the last arrival before {@code outageNanos} to the first at or
     * after {@code resumedNoEarlierNanos}; empty if either is missing.
     */
    synchronized OptionalLong gapNanos(long outageNanos, long resumedNoEarlierNanos) {
        int before = firstAtOrAfter(outageNanos) - 1;
        OptionalLong after = firstArrivalFrom(resumedNoEarlierNanos);
        return before < 0 || after.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(after.getAsLong() - arrivals[before]);
    }

    /** The index of the first arrival at or after {@code nanos} (the count of arrivals before it). */
    private int firstAtOrAfter(long nanos) {
        int low = 0;
        int high = received.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (arrivals[middle] - nanos < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * The outputs against those expected (outputs name their input by its amount), once every expected one arrived
     * or as they stand once none arrived for {@code stall}: a sink's backlog drains at the sink's rate, minutes on a
     * busy machine, and is not lost while it still moves.
     */
    OutputCheck awaitAll(List<Long> expectedAmounts, Duration stall) throws InterruptedException {
        int seen = -1;
        long quietSince = System.nanoTime();
        while (true) {
            int now = arrivedSoFar();
            if (now > seen) {
                seen = now;
                quietSince = System.nanoTime();
                // Checked only once enough arrived (repeats count too): a check reads every body.
                if (now >= expectedAmounts.size()) {
                    OutputCheck check = check(expectedAmounts);
                    if (check.lost() == 0) {
                        return check;
                    }
                }
            } else if (System.nanoTime() - quietSince > stall.toNanos()) {
                return check(expectedAmounts);
            }
            Thread.sleep(100);
        }
    }

    private synchronized int arrivedSoFar() {
        return received.size();
    }

    private OutputCheck check(List<Long> expectedAmounts) {
        List<OutputReceiver.Received> arrived;
        synchronized (this) {
            arrived = List.copyOf(received);
        }
        return OutputCheck.of(expectedAmounts, arrived);
    }

    @Override
    public void close() {
        server.close();
    }
}
