package io.siha.node.sync;

import io.netty.channel.Channel;
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
 * The active's end of one sync connection: answers the challenge, then brings the passive up to date from the
 * journal and streams what follows.
 *
 * <p>Flow control: the passive's queue holds the events after its last snapshot, at most its capacity. The
 * session never sends beyond {@code persisted + capacity}, so the queue cannot overflow; when the window is
 * exhausted the acks stall, which makes the node persist sooner, and the CONTROL message of that snapshot opens
 * the window again. (Stopping to read on the passive instead would deadlock: the CONTROL that makes room would
 * wait in the same stream behind the events that do not fit.)
 *
 * <p>Everything here runs on the channel's event loop, the client's only I/O thread.
 */
final class ActiveSession extends SimpleChannelInboundHandler<Frame> {

    private static final Logger log = LoggerFactory.getLogger(ActiveSession.class);

    private final SyncClient client;
    private final SyncSettings settings;
    private final long epoch;
    private final Journal journal;
    private final Duration handshakeTimeout;
    private final int maxBatchBytes;

    private Channel channel;
    private boolean helloSent;
    private boolean established;
    /** The highest seq the passive has, or will have once what we sent arrives. */
    private long passiveSeq;
    /** The passive's persisted seq, as far as our frames took it: its queue holds the events after it. */
    private long passivePersistedSeq;
    private int passiveCapacity;
    private Journal.Persisted controlSent;
    private List<DeliveredMark> marksSent = List.of();
    /** The seq of the last digest this session sent: each goes once, right after the event it is at. */
    private long digestSentSeq;
    private boolean gapReported;
    private boolean closeLogged;

    ActiveSession(SyncClient client, SyncSettings settings, long epoch, Journal journal, Duration handshakeTimeout) {
        this.client = client;
        this.settings = settings;
        this.epoch = epoch;
        this.journal = journal;
        this.handshakeTimeout = handshakeTimeout;
        this.maxBatchBytes = settings.maxFrameBytes() - FrameCodec.EVENTS_OVERHEAD_BYTES;
    }

    boolean established() {
        return established;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.executor().schedule(() -> {
            if (!established && channel.isActive()) {
                close("no WELCOME within " + handshakeTimeout.toMillis() + " ms");
            }
        }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (frame instanceof Frame.Challenge challenge && !helloSent) {
            helloSent = true;
            byte[] proof = HandshakeProof.compute(settings.sharedSecret(), challenge.nonce(),
                    settings.clusterGroup(), settings.nodeId(), epoch);
            ctx.writeAndFlush(new Frame.Hello(settings.clusterGroup(), settings.nodeId(), epoch, proof));
        } else if (frame instanceof Frame.Welcome welcome && helloSent && !established) {
            welcomed(welcome);
        } else if (frame instanceof Frame.Ack ack && established) {
            client.passiveAcked(Math.min(ack.lastSeq(), journal.lastSeq()), ack.fillPercent());
        } else if (frame instanceof Frame.Refused refused) {
            close("the passive refused: " + refused.reason());
        } else {
            close("unexpected " + frame.type() + " frame " + (established ? "after" : "during") + " the handshake");
        }
    }

    private void welcomed(Frame.Welcome welcome) {
        established = true;
        passiveSeq = welcome.lastSeq();
        passivePersistedSeq = welcome.persistedSeq();
        passiveCapacity = welcome.queueCapacity();
        long fill = (welcome.lastSeq() - welcome.persistedSeq()) * 100 / welcome.queueCapacity();
        log.info("sync connection to passive {} established, epoch {}; passive at seq {}, persisted {}",
                channel.remoteAddress(), epoch, welcome.lastSeq(), welcome.persistedSeq());
        if (passiveSeq > journal.lastSeq() && journal.lastSeq() > 0) {
            // Its queue comes from another history than ours: we cannot tell which of its events are ours.
            log.warn("passive {} claims seq {}, beyond this node's last seq {}", channel.remoteAddress(),
                    passiveSeq, journal.lastSeq());
        }
        client.sessionEstablished(this);
        client.passiveAcked(Math.min(welcome.lastSeq(), journal.lastSeq()), (int) Math.min(100, fill));
        drain();
    }

    /**
     * Sends what the passive lacks: first the last snapshot's CONTROL if it has not had it, then journal entries
     * in batches while the channel takes them. Whatever accumulates while the channel is busy goes out as one
     * batch when it drains ({@link #channelWritabilityChanged}).
     */
    void drain() {
        if (!established || !channel.isActive()) {
            return;
        }
        boolean wrote = false;
        Journal.Persisted persisted = journal.persisted();
        if (persisted != null && !persisted.equals(controlSent)) {
            channel.write(new Frame.Control(persisted.revision(), persisted.seq()));
            controlSent = persisted;
            passiveSeq = Math.max(passiveSeq, persisted.seq());
            passivePersistedSeq = Math.max(passivePersistedSeq, persisted.seq());
            wrote = true;
        }
        // After the CONTROL: a passive holding an earlier term's events takes nothing of this term before it.
        List<DeliveredMark> marks = client.deliveredMarks();
        if (!marks.isEmpty() && !marks.equals(marksSent)) {
            channel.write(new Frame.Delivered(marks));
            marksSent = marks;
            wrote = true;
        }
        while (channel.isWritable()) {
            long digestSeq = client.digestSeq();
            boolean digestDue = digestSeq > 0 && digestSeq != digestSentSeq;
            if (digestDue && passiveSeq >= digestSeq) {
                StateDigest digest = client.digest();
                if (digest == null) {
                    break; // its hashes are being computed: the events after it wait, so the standby stops at it
                }
                channel.write(new Frame.Digest(digest));
                digestSentSeq = digestSeq;
                wrote = true;
                continue;
            }
            long windowEnd = passivePersistedSeq + passiveCapacity;
            Frame.Events batch = journal.batchAfter(passiveSeq, digestDue ? Math.min(windowEnd, digestSeq)
                    : windowEnd, maxBatchBytes);
            if (batch == null) {
                break; // nothing new, or the window is full until the next snapshot
            }
            if (batch.firstSeq() != passiveSeq + 1) {
                reportGap(batch.firstSeq());
                break;
            }
            channel.write(batch);
            passiveSeq = batch.firstSeq() + batch.encodedEvents().size() - 1;
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /**
     * The passive is at a seq before the journal's first entry and no snapshot bridges the two: sending would
     * leave a hole in its queue. Wait for the next snapshot, whose CONTROL moves the passive past the hole.
     */
    private void reportGap(long journalSeq) {
        if (!gapReported) {
            gapReported = true;
            log.warn("passive {} is at seq {} but the journal starts at seq {} and no snapshot covers the gap;"
                    + " replication waits for the next persist", channel.remoteAddress(), passiveSeq, journalSeq);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        drain();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof BadFrameException bad) {
            close("bad frame from the passive: " + bad.getMessage());
        } else if (cause instanceof IOException) {
            close("connection lost: " + cause.getMessage());
        } else {
            close("internal error: " + cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (established && !closeLogged) {
            log.warn("sync connection to passive {} lost; reconnecting", channel.remoteAddress());
        }
        client.sessionClosed(this);
        ctx.fireChannelInactive();
    }

    /** The client closes this connection on purpose (new address, shutdown): not a loss worth a warning. */
    void retire() {
        closeLogged = true;
    }

    private void close(String reason) {
        if (channel.isActive()) {
            closeLogged = true;
            client.closing(channel.remoteAddress(), reason);
            channel.close();
        }
    }
}
