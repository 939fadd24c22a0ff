package io.siha.node.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.siha.client.IngestCodec;
import io.siha.client.IngestFrame;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;

/**
 * A bare socket on a binary ingest port, for writing frames (or any bytes) exactly as a test wants and reading the
 * node's answers one frame at a time (public: the fuzz tests use it too).
 */
public final class RawIngestConnection implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;

    public RawIngestConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
    }

    /** Opens a connection and completes the handshake with {@code token} (null for none). */
    public static RawIngestConnection admitted(int port, String token) throws IOException {
        RawIngestConnection connection = new RawIngestConnection(port);
        connection.write(new IngestFrame.Hello(IngestCodec.VERSION, token));
        IngestFrame answer = connection.read();
        if (!(answer instanceof IngestFrame.HelloOk)) {
            throw new IllegalStateException("HELLO answered with " + answer);
        }
        return connection;
    }

    public void write(IngestFrame... frames) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        for (IngestFrame frame : frames) {
            IngestCodec.encode(frame, buf);
        }
        writeBytes(ByteBufUtil.getBytes(buf));
    }

    public void writeBytes(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next frame from the node. */
    public IngestFrame read() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return IngestCodec.decode(Unpooled.wrappedBuffer(body));
    }

    /** Whether the node has closed the connection (reads to the end, expecting nothing more). */
    public boolean closedByNode() throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException | SocketException e) {
            return true; // a reset: closed with our unread bytes still in its buffer
        }
    }

    /** How long a read waits for the node before it throws {@link java.net.SocketTimeoutException}. */
    public void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
