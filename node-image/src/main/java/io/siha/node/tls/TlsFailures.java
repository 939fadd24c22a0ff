package io.siha.node.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.siha.api.TlsFiles;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/**
 * Turns what the TLS engine throws into a reason an operator can act on. Never uses the message of a
 * {@link NotSslRecordException}: it holds a hex dump of the bytes the peer sent.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /** Whether {@code cause}, or one of its causes, comes from TLS. */
    static boolean fromTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    static boolean peerHungUp(Throwable cause) {
        return cause instanceof ClosedChannelException;
    }

    static String describe(Throwable cause) {
        if (has(cause, NotSslRecordException.class)) {
            return "the peer does not speak TLS (plain TCP or plain HTTP on a TLS port)";
        }
        if (has(cause, SslHandshakeTimeoutException.class)) {
            return "no TLS handshake in time (" + find(cause, SslHandshakeTimeoutException.class).getMessage()
                    + "): a peer without TLS waits for this node to speak first";
        }
        if (peerHungUp(cause)) {
            return "the peer closed the connection during the TLS handshake";
        }
        if (has(cause, CertPathBuilderException.class) || has(cause, CertPathValidatorException.class)) {
            return "the peer's certificate is not signed by a trusted CA (" + TlsFiles.CA + "): "
                    + innermost(cause).getMessage();
        }
        SSLHandshakeException handshake = find(cause, SSLHandshakeException.class);
        String handshakeMessage = handshake == null ? "" : String.valueOf(handshake.getMessage());
        if (handshakeMessage.startsWith("Empty client certificate chain")
                || handshakeMessage.startsWith("Empty server certificate chain")) {
            // A JDK client offers only a certificate from a CA the server names, so another CA's shows up as none.
            return "the peer presented no certificate signed by a trusted CA (" + TlsFiles.CA + ")";
        }
        if (handshakeMessage.startsWith("Received fatal alert")) {
            return "the peer refused the TLS session (" + handshakeMessage + "): it does not trust this node's"
                    + " certificate, or wanted one";
        }
        if (has(cause, CertificateException.class)) {
            return "the peer's certificate was refused: " + innermost(cause).getMessage();
        }
        Throwable tls = find(cause, SSLException.class);
        Throwable shown = tls != null ? tls : cause;
        return "TLS failed: " + shown.getClass().getSimpleName() + ": " + shown.getMessage();
    }

    private static boolean has(Throwable cause, Class<? extends Throwable> kind) {
        return find(cause, kind) != null;
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> kind) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return kind.cast(t);
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
