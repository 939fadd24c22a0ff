package io.siha.node.sync;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The passive's end of one sync connection: challenges the peer, admits it if it proves the secret for this
 * cluster group with a current epoch, then appends its events to the queue and acknowledges them.
 *
 * <p>Anything wrong closes this connection only, with one WARN line saying why and a REFUSED frame telling the
 * peer the same; the queue keeps everything it had and the server goes on serving other connections.
 */
final class PassiveSession extends SimpleChannelInboundHandler<Frame> {

    private static final Logger log = LoggerFactory.getLogger(PassiveSession.class);

    private final SyncSettings settings;
    private final PassiveQueue queue;
    private final SessionRegistry registry;
    private final Duration handshakeTimeout;

    // Touched on this channel's event loop only.
    private ChannelHandlerContext ctx;
    private byte[] nonce;
    private String peer;
    private long epoch = -1;
    private boolean admitted;
    private boolean ackDue;
    private boolean closing;

    PassiveSession(SyncSettings settings, PassiveQueue queue, SessionRegistry registry, Duration handshakeTimeout) {
        this.settings = settings;
        this.queue = queue;
        this.registry = registry;
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.peer = String.valueOf(ctx.channel().remoteAddress());
        nonce = HandshakeProof.newNonce();
        ctx.writeAndFlush(new Frame.Challenge(nonce));
        ctx.executor().schedule(() -> {
            if (!admitted && ctx.channel().isActive()) {
                refuse("no HELLO within " + handshakeTimeout.toMillis() + " ms");
            }
        }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (closing) {
            return;
        }
        if (!admitted) {
            if (frame instanceof Frame.Hello hello) {
                handshake(hello);
            } else {
                refuse("expected HELLO, got " + frame.type());
            }
        } else if (!registry.isCurrent(this)) {
            refuse("superseded by epoch " + registry.highestEpoch());
        } else if (frame instanceof Frame.Events events) {
            append(events);
        } else if (frame instanceof Frame.Delivered marks) {
            if (!queue.delivered(marks.marks())) {
                refuse(notCovered(queue.uncoveredDescription(), "it sent delivered marks before a snapshot covering"
                        + " them"));
            }
        } else if (frame instanceof Frame.Digest digest) {
            if (!queue.digest(digest.digest())) {
                refuse(notCovered(queue.uncoveredDescription(), "it sent a state digest before a snapshot covering"
                        + " them"));
            }
        } else if (frame instanceof Frame.Control control) {
            String uncovered = queue.uncoveredDescription();
            if (!queue.persisted(control.lastSeq())) {
                refuse(notCovered(uncovered, "its snapshot reaches only seq " + control.lastSeq()));
                return;
            }
            ackDue = true;
        } else {
            refuse("unexpected " + frame.type() + " frame after the handshake");
        }
    }

    private void handshake(Frame.Hello hello) {
        peer = hello.nodeId() + " at " + ctx.channel().remoteAddress();
        if (!hello.clusterGroup().equals(settings.clusterGroup())) {
            refuse("cluster group '" + hello.clusterGroup() + "' is not this node's");
            return;
        }
        if (!HandshakeProof.verify(settings.sharedSecret(), nonce, hello)) {
            refuse("the handshake proof does not match the shared secret");
            return;
        }
        String refusal = registry.admit(this, hello.epoch());
        if (refusal != null) {
            refuse(refusal);
            return;
        }
        admitted = true;
        epoch = hello.epoch();
        PassiveQueue.Position position = queue.admit(epoch);
        log.info("sync connection from {} admitted, epoch {}; queue at seq {}, persisted {}", peer, epoch,
                position.lastSeq(), position.persistedSeq());
        ctx.writeAndFlush(new Frame.Welcome(position.lastSeq(), position.persistedSeq(), queue.capacity()));
    }

    private void append(Frame.Events batch) {
        List<byte[]> events = batch.encodedEvents();
        for (int i = 0; i < events.size(); i++) {
            long seq = batch.firstSeq() + i;
            switch (queue.offer(seq, events.get(i))) {
                case APPENDED, DUPLICATE -> ackDue = true;
                case GAP -> {
                    refuse("event seq " + seq + " leaves a gap after seq " + queue.lastSeq());
                    return;
                }
                case UNCOVERED -> {
                    refuse(notCovered(queue.uncoveredDescription(), "it sent events before a snapshot covering them"));
                    return;
                }
                case FULL -> {
                    // The client keeps within the capacity WELCOME told it; one that does not must not make
                    // us drop or buffer without bound, and cannot send the CONTROL that would make room
                    // while we stop reading (it would queue behind these events). So: close; it resends later.
                    refuse("queue full at " + queue.capacity() + " events: the peer sent beyond its window");
                    return;
                }
            }
        }
    }

    /**
     * This queue holds events of an earlier term that the admitted active's state does not include: taking its events
     * would drop acknowledged ones or count different events under the same numbers. They stay, for a takeover here.
     */
    private static String notCovered(String held, String why) {
        return "this passive holds events " + held + " of an earlier term that this active's state lacks ("
                + why + "); they are kept for a takeover by this node";
    }

    /** One ACK per read burst rather than per frame: as prompt, and fewer writes under load. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ackDue && !closing) {
            ackDue = false;
            PassiveQueue.Position position = queue.position();
            ctx.writeAndFlush(new Frame.Ack(position.lastSeq(), position.fillPercent()));
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof BadFrameException bad) {
            refuse("bad frame: " + bad.getMessage());
        } else if (cause instanceof IOException) {
            if (!closing) {
                log.info("sync connection from {} lost: {}", peer, cause.getMessage());
            }
            closing = true;
            ctx.close();
        } else {
            refuse("internal error: " + cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        registry.remove(this);
        if (admitted && !closing) {
            log.info("sync connection from {} (epoch {}) closed by the peer", peer, epoch);
        }
        ctx.fireChannelInactive();
    }

    /** Called by the registry from any thread when a newer session was admitted. */
    void supersede(long newEpoch) {
        ctx.executor().execute(() -> refuse("superseded by a connection of epoch " + newEpoch));
    }

    /** Tells the peer why and closes; the one place a connection ends on our initiative. */
    private void refuse(String reason) {
        if (closing) {
            return;
        }
        closing = true;
        registry.remove(this);
        SyncRefusals.of(registry).warn(SyncRefusals.kind(admitted), "sync connection from {} closed: {}", peer, reason);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new Frame.Refused(reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
