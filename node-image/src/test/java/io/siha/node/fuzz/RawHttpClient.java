package io.siha.node.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HTTP/1.1 over a plain socket, so a test can send what {@code java.net.http} refuses to (malformed paths, any method,
 * a Content-Length the body does not have). Every request says {@code Connection: close}; the reply is read until the
 * server closes, within a timeout, so a server that hangs or closes without replying fails the test.
 */
final class RawHttpClient {

    private static final int TIMEOUT_MS = 5_000;

    /** A reply: its status code and body. */
    record Reply(int status, String body) {
    }

    private final int port;

    RawHttpClient(int port) {
        this.port = port;
    }

    /** Sends a request with the given head fields and body; {@code authorization} null sends no such header. */
    Reply send(String method, String path, String authorization, byte[] body) {
        return exchange(head(method, path, authorization, body.length), body);
    }

    /** Sends a head claiming {@code claimedLength} body bytes followed by only {@code body}. */
    Reply sendClaiming(String path, String authorization, long claimedLength, byte[] body) {
        return exchange(head("POST", path, authorization, claimedLength), body);
    }

    private static byte[] head(String method, String path, String authorization, long contentLength) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Reply exchange(byte[] head, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MS);
            try {
                socket.getOutputStream().write(head);
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer (413) and close before it has read everything: the reply is the test.
            }
            return parse(readToEnd(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete reply within " + TIMEOUT_MS + " ms: the server hangs", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // A reset after the reply (the server closed with our unread bytes in its buffer): keep what came.
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private static Reply parse(byte[] reply) {
        String text = new String(reply, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new AssertionError("the server closed the connection without a reply; it sent "
                    + Arrays.toString(Arrays.copyOf(reply, Math.min(reply.length, 64))));
        }
        int status = Integer.parseInt(text.substring(9, 12));
        return new Reply(status, text.substring(headEnd + 4));
    }
}
