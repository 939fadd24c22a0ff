package io.siha.node.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection over a plain socket: a test writes requests exactly as it wants (several at once,
 * to pipeline them) and reads the responses one at a time, in the order they arrive.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** A response: its status code, its body, and whether it said {@code Connection: close}. */
    record Response(int status, String body, boolean close) {
    }

    private final Socket socket;
    private final InputStream in;

    KeepAliveHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
    }

    /** A POST with {@code body}; {@code authorization} null sends no such header. */
    static String post(String path, String authorization, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    void write(String requests) throws IOException {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Sends one request and reads its response. */
    Response exchange(String request) throws IOException {
        write(request);
        return read();
    }

    /** How long a read waits before it throws {@link java.net.SocketTimeoutException}. */
    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** The next response. */
    Response read() throws IOException {
        String head = readHead();
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        boolean close = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        return new Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8), close);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection after " + head.size() + " bytes of a head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the server has closed the connection (reads to the end, expecting nothing more). */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return true; // a reset: closed with our unread bytes in its buffer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
