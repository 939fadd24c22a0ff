package io.siha.node.sync;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.siha.node.tls.TlsChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The active's side of the event sync: keeps every replicated event in a journal until a snapshot covers it,
 * keeps a connection to the passive (reconnecting with backoff), and brings the passive up to date from the
 * journal on every (re)connect. See {@link ActiveSession} for the protocol and flow control.
 *
 * <p>{@link #replicate} and {@link #persisted} never block on the network; connection work runs on one I/O
 * thread, which also calls the {@link SyncListener}.
 */
public final class SyncClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncClient.class);
    static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    private static final long MIN_BACKOFF_MS = 50;
    /** Reconnects at least this often: a passive that comes back is caught up within about a second. */
    private static final long MAX_BACKOFF_MS = 1000;

    private final SyncSettings settings;
    private final long epoch;
    private final SyncListener listener;
    private final Journal journal = new Journal();
    private volatile List<DeliveredMark> deliveredMarks = List.of();
    private volatile StateDigest digest;
    private volatile long digestSeq;
    private final EventLoopGroup group;
    /** The one thread all connection state below lives on. */
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong ackedSeq = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile int peerQueueFillPercent;

    // Touched on the loop only.
    private InetSocketAddress target;
    private Channel channel;
    private ActiveSession session;
    private ScheduledFuture<?> reconnect;
    private long backoffMs = MIN_BACKOFF_MS;
    private boolean failureLogged;
    private String lastCloseReason;

    public SyncClient(SyncSettings settings, long epoch, SyncListener listener) {
        this(settings, epoch, listener, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    SyncClient(SyncSettings settings, long epoch, SyncListener listener, Duration handshakeTimeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.epoch = epoch;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("siha-sync-client", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true) // a batch waits for no timer: acks gate client acks
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) handshakeTimeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        settings.tls().ifPresent(tls -> TlsChannels.secure(ch, tls.client(), handshakeTimeout,
                                refusal -> closing(refusal.peer(), refusal.reason())));
                        ch.pipeline().addLast(
                                new FrameDecoder(settings.maxFrameBytes()),
                                new FrameEncoder(settings.maxFrameBytes()),
                                new ActiveSession(SyncClient.this, settings, epoch, journal, handshakeTimeout));
                    }
                });
    }

    /**
     * Connects to the passive's sync server at {@code peer}, or to none when null. Idempotent: the same address
     * keeps the current connection; another one replaces it.
     */
    public void connectTo(InetSocketAddress peer) {
        if (!closed) {
            loop.execute(() -> retarget(peer));
        }
    }

    /**
     * Journals the event and sends it as soon as the connection allows. Events must come in contiguous sequence
     * order. Fails at once, on the caller's thread, for an event the protocol cannot carry (a name over 255 bytes,
     * an event larger than a frame).
     */
    public void replicate(SyncEvent event) {
        if (closed) {
            throw new IllegalStateException("the sync client is closed");
        }
        byte[] encoded = EventCodec.encode(event);
        int room = settings.maxFrameBytes() - FrameCodec.EVENTS_OVERHEAD_BYTES;
        if (encoded.length > room) {
            throw new IllegalArgumentException("event seq " + event.seq() + " of " + event.app() + "/"
                    + event.stream() + " encodes to " + encoded.length + " bytes, more than a sync frame holds ("
                    + room + ")");
        }
        journal.append(event.seq(), encoded);
        scheduleDrain();
    }

    /**
     * A snapshot of the given revision covers every event up to {@code lastSeq}: drops them from the journal and
     * tells the passive to drop them from its queue.
     */
    public void persisted(long revision, long lastSeq) {
        journal.persisted(revision, lastSeq);
        scheduleDrain();
    }

    /**
     * The newest output each sink's receiver took: sent to the passive when it changed (and on every reconnect), so
     * its takeover does not deliver those outputs again.
     */
    public void delivered(List<DeliveredMark> marks) {
        if (!marks.equals(deliveredMarks)) {
            deliveredMarks = List.copyOf(marks);
            scheduleDrain();
        }
    }

    /**
     * A state digest is being computed at {@code seq}, taken at the barrier: no event after it goes to the passive
     * before the digest does, so that its hot standby stops at that seq to compare. Called at the barrier, so that no
     * later event can have gone out yet; {@link #digest} or {@link #digestAbandoned} must follow, or replication waits.
     */
    public void digestAt(long seq) {
        digest = null;
        digestSeq = seq;
    }

    /** The digest announced by {@link #digestAt}: sent once the events through its seq are. */
    public void digest(StateDigest digest) {
        if (digest.seq() == digestSeq) {
            this.digest = digest;
            scheduleDrain();
        }
    }

    /** The digest announced could not be computed: replication goes on without it. */
    public void digestAbandoned(long seq) {
        if (digestSeq == seq) {
            digestSeq = 0;
            scheduleDrain();
        }
    }

    /** The seq of the digest announced, 0 when none. */
    long digestSeq() {
        return digestSeq;
    }

    /** The digest of {@link #digestSeq} once computed, else null. */
    StateDigest digest() {
        StateDigest ready = digest;
        return ready != null && ready.seq() == digestSeq ? ready : null;
    }

    /** The marks last given to {@link #delivered}; empty before any. */
    List<DeliveredMark> deliveredMarks() {
        return deliveredMarks;
    }

    /** The highest seq the passive holds (or a snapshot covers), as it acknowledged; 0 before any. */
    public long ackedSeq() {
        return ackedSeq.get();
    }

    /** Whether a connection to the passive is up and past its handshake. */
    public boolean connected() {
        return connected;
    }

    /**
     * How much of what the passive's queue can hold the journal holds, 0 to 100 (the fuller of its two bounds): past
     * it, a passive that reconnects or restarts could not take every event the journal would send it.
     */
    public int journalFillPercent() {
        long byCount = journal.size() * 100L / settings.queueCapacity();
        long byBytes = journal.heapBytes() * 100 / settings.queueMaxBytes();
        return (int) Math.min(100, Math.max(byCount, byBytes));
    }

    /** Heap the journal's events take: what the passive holds that no snapshot covers. */
    public long journalBytes() {
        return journal.heapBytes();
    }

    public int journalSize() {
        return journal.size();
    }

    /** How full the passive's queue was at its last acknowledgement, 0 to 100. */
    public int peerQueueFillPercent() {
        return peerQueueFillPercent;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Close the connection first, as a retirement: shutting the loop down would close it as a loss.
        loop.submit(() -> retarget(null)).awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        connected = false;
    }

    void sessionEstablished(ActiveSession established) {
        session = established;
        backoffMs = MIN_BACKOFF_MS;
        failureLogged = false;
        lastCloseReason = null;
        connected = true;
        listener.connectionChanged(true);
    }

    void sessionClosed(ActiveSession ended) {
        if (ended.established()) {
            connected = false;
            listener.connectionChanged(false);
        }
        if (session == ended) {
            session = null;
        }
    }

    /**
     * Logs why a session closes its connection. A deposed active is refused on every reconnect; one line per
     * new reason says it, a line a second would bury everything else.
     */
    void closing(SocketAddress passive, String reason) {
        if (reason.equals(lastCloseReason)) {
            log.debug("sync connection to passive {} closed again: {}", passive, reason);
        } else {
            log.warn("sync connection to passive {} closed: {}", passive, reason);
            lastCloseReason = reason;
        }
    }

    void passiveAcked(long seq, int fillPercent) {
        peerQueueFillPercent = fillPercent;
        long before = ackedSeq.getAndAccumulate(seq, Math::max);
        if (seq > before) {
            listener.acked(seq);
        }
    }

    private void scheduleDrain() {
        // One pending task however many events arrive meanwhile: they leave together as one batch.
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(() -> {
                drainScheduled.set(false);
                if (session != null) {
                    session.drain();
                }
            });
        }
    }

    private void retarget(InetSocketAddress peer) {
        if (Objects.equals(peer, target) && (peer == null || channel != null || reconnect != null)) {
            return;
        }
        target = peer;
        backoffMs = MIN_BACKOFF_MS;
        failureLogged = false;
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
        if (channel != null) {
            Channel old = channel;
            channel = null; // so its close does not schedule a reconnect of its own
            ActiveSession retired = old.pipeline().get(ActiveSession.class);
            if (retired != null) {
                retired.retire();
            }
            old.close();
        }
        if (peer != null) {
            log.info("node {} replicates events to passive {}{}", settings.nodeId(), peer,
                    settings.tls().isPresent() ? " over mutual TLS" : "");
            connect();
        }
    }

    private void connect() {
        reconnect = null;
        if (closed || target == null) {
            return;
        }
        InetSocketAddress to = target;
        Channel ch = bootstrap.connect(to).addListener(future -> {
            if (!future.isSuccess() && !failureLogged) {
                failureLogged = true;
                log.warn("cannot connect to passive {}: {}; retrying", to, future.cause().getMessage());
            }
        }).channel();
        channel = ch;
        ch.closeFuture().addListener(future -> {
            if (channel == ch) {
                channel = null;
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        if (closed || target == null) {
            return;
        }
        reconnect = loop.schedule(this::connect, backoffMs, TimeUnit.MILLISECONDS);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }
}
