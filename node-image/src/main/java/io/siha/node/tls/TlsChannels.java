package io.siha.node.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.time.Duration;
import java.util.function.Consumer;

/** Puts TLS first in a channel's pipeline: the handlers added after this speak through it, and only once it is up. */
public final class TlsChannels {

    private TlsChannels() {
    }

    /**
     * Adds the TLS handler (client or server, as {@code context} is) and the gate behind it; call before adding the
     * protocol's handlers.
     *
     * @param handshakeTimeout a peer that does not complete the handshake within it is refused (a plain-TCP client
     *                         waiting for the server to speak first would otherwise hold the connection open)
     * @param refusals         told once per connection that TLS ended, on the channel's event loop
     */
    public static void secure(Channel channel, SslContext context, Duration handshakeTimeout,
                              Consumer<TlsRefusal> refusals) {
        SslHandler ssl = context.newHandler(channel.alloc());
        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        channel.pipeline().addLast(ssl, new TlsHandshakeGate(refusals));
    }
}
