package io.siha.node.net;

import java.time.Duration;

/**
 * What one port lets a single client hold: how many connections may be open at once, how long one may sit without a
 * complete request or frame, how long a request or frame may take to arrive once it has started, and how many bytes of
 * replies may wait for a client that does not read them before the node stops reading from it.
 *
 * <p>The defaults below are the node's; tests pass smaller ones to make an attack exceed them in seconds.
 *
 * @param maxConnections     connections open at once; one more is closed as soon as it is accepted (see
 *                           {@link PortGuard#authenticated} for the sync port, where only unproven ones count)
 * @param idleTimeout        a connection with no complete request or frame, and no reply written, for this long is
 *                           closed; {@link Duration#ZERO}: never (the sync channel: its active may be quiet for hours)
 * @param readTimeout        a request or frame whose first byte arrived this long ago and whose last has not is
 *                           closed (slowloris, a half frame); so is a connection whose replies have waited unread
 *                           this long
 * @param writeLowWaterMark  the node reads again once a connection's unsent replies drop below this many bytes
 * @param writeHighWaterMark the node stops reading a connection whose unsent replies exceed this many bytes
 */
public record PortLimits(int maxConnections, Duration idleTimeout, Duration readTimeout, int writeLowWaterMark,
                         int writeHighWaterMark) {

    /**
     * The largest frame a client may send before it has authenticated, on the binary ingest and the sync ports. A
     * HELLO holds a version, a token or a cluster group, node id and proof: well under a kilobyte. A frame that claims
     * more is refused before any of it is buffered, so an unauthenticated connection holds at most this much.
     */
    public static final int PRE_AUTH_FRAME_BYTES = 4 * 1024;

    // Why these numbers:
    // - Replies are small (an ACK is 13 bytes, an HTTP reply a few hundred), so 128 KiB of unsent replies is a client
    //   that has stopped reading, not a slow network; 512 KiB is a bounded, small price per connection.
    // - A read timeout of 30 s lets a 4 MiB request body arrive at 140 KB/s; a slowloris client is gone after it.
    // - HTTP clients keep idle connections pooled for about a minute and reconnect when the server closed one;
    //   SiHaClient reconnects on its next batch. A client that is merely quiet loses nothing.
    private static final int LOW_WATER = 128 * 1024;
    private static final int HIGH_WATER = 512 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The REST port: the kubelet's probes, a Prometheus scraper, the operator and a few people. 64 is ample, and
     * requests are tiny, so they get 10 s.
     */
    public static final PortLimits REST = new PortLimits(64, Duration.ofSeconds(30), Duration.ofSeconds(10), LOW_WATER,
            HIGH_WATER);

    /**
     * Each ingest port (HTTP and binary): 256 clients at once, each able to send a request of up to 4 MiB once it has
     * authenticated (an unauthenticated one holds a few KiB: its 401 comes before its body, its HELLO is tiny). A
     * SiHaClient uses one connection per node.
     */
    public static final PortLimits INGEST = new PortLimits(256, Duration.ofSeconds(60), READ_TIMEOUT, LOW_WATER,
            HIGH_WATER);

    /**
     * The sync port: the peer is one active. Connections that have not finished the handshake count against the cap
     * (each also has the 5 s handshake timeout); an admitted one does not, so the cap can never drop or lock out the
     * real active's connection once it is in. No idle timeout: the active sends nothing while no events arrive.
     */
    public static final PortLimits SYNC = new PortLimits(8, Duration.ZERO, READ_TIMEOUT, LOW_WATER, HIGH_WATER);

    public PortLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
        }
        if (idleTimeout.isNegative() || readTimeout.isZero() || readTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must be >= 0 and readTimeout > 0, got " + idleTimeout
                    + " and " + readTimeout);
        }
        if (writeLowWaterMark < 1 || writeHighWaterMark < writeLowWaterMark) {
            throw new IllegalArgumentException("need 0 < writeLowWaterMark <= writeHighWaterMark, got "
                    + writeLowWaterMark + " and " + writeHighWaterMark);
        }
    }

    public PortLimits withMaxConnections(int max) {
        return new PortLimits(max, idleTimeout, readTimeout, writeLowWaterMark, writeHighWaterMark);
    }

    public PortLimits withTimeouts(Duration idle, Duration read) {
        return new PortLimits(maxConnections, idle, read, writeLowWaterMark, writeHighWaterMark);
    }

    public PortLimits withWriteWaterMarks(int low, int high) {
        return new PortLimits(maxConnections, idleTimeout, readTimeout, low, high);
    }
}
