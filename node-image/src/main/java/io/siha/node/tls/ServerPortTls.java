package io.siha.node.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.siha.node.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * TLS on a port clients connect to (the HTTP and the binary ingest ports): when a context is configured, each accepted
 * connection speaks TLS first, and one that does not finish its handshake in time is dropped. Both ports log their
 * refusals the same way.
 */
public final class ServerPortTls {

    /** A client that has connected but not finished its TLS handshake by then is dropped. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ServerPortTls.class);
    /** A flood of failed handshakes costs a line every few seconds, with the count, not a line each. */
    private static final RateLimitedLog refusals = new RateLimitedLog(log);

    private ServerPortTls() {
    }

    /** Puts the TLS handler first on {@code channel} when {@code tls} is present; does nothing otherwise. */
    public static void secure(Channel channel, Optional<SslContext> tls, String portName) {
        tls.ifPresent(context -> TlsChannels.secure(channel, context, HANDSHAKE_TIMEOUT,
                refusal -> logRefusal(portName, String.valueOf(channel.localAddress()), refusal)));
    }

    // A TCP health check (a load balancer's, a kubelet's tcpSocket probe) connects and hangs up without a word; a line
    // per check would bury the real refusals, so those go to debug.
    private static void logRefusal(String portName, String port, TlsRefusal refusal) {
        if (refusal.peerHungUp()) {
            log.debug("{} connection from {} closed before TLS: {}", portName, refusal.peer(), refusal.reason());
        } else {
            refusals.warn(portName + " on " + port, "{} connection from {} refused: {}", portName, refusal.peer(),
                    refusal.reason());
        }
    }
}
