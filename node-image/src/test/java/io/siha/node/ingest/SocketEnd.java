package io.siha.node.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Waits for the node to close a test's raw socket (public: the sync tests use it too). */
public final class SocketEnd {

    private SocketEnd() {
    }

    /**
     * What the node sent before it closed the connection, as ISO-8859-1 text (an ASCII reason stays readable), or
     * null if the connection is still open after {@code time}.
     */
    public static String readUntilClosed(Socket socket, Duration time) throws IOException {
        long deadline = System.nanoTime() + time.toNanos();
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
                int n = in.read(buffer);
                if (n < 0) {
                    return seen.toString();
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (SocketException e) {
            return seen.toString(); // reset by the node, our unread bytes still in its buffer
        }
    }

    /** Whether the node closed {@code socket} within {@code time}. */
    public static boolean closedWithin(Socket socket, Duration time) throws IOException {
        return readUntilClosed(socket, time) != null;
    }
}
