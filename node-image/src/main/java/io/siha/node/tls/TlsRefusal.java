package io.siha.node.tls;

import java.net.SocketAddress;

/**
 * A connection ended by TLS: the handshake failed, or the peer refused the session right after it.
 *
 * @param peer         the remote address
 * @param reason       what went wrong, for a log line: no key material, no bytes of the peer's
 * @param peerHungUp   the peer closed before saying anything (a TCP health check, a port scan): worth a debug line at
 *                     most, where a real failure is worth a warning
 */
public record TlsRefusal(SocketAddress peer, String reason, boolean peerHungUp) {
}
