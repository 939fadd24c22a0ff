package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * A peer that speaks the sync protocol by hand over a blocking socket, so a test can send exactly the bytes it
 * wants, well-formed or not, and see how the server answers.
 */
final class RawPeer implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPeer(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(2000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Frame read() {
        try {
            int length = in.readInt();
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return FrameCodec.decode(Unpooled.wrappedBuffer(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeInt(0);
            FrameCodec.encode(frame, buf);
            buf.setInt(0, buf.readableBytes() - 4);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            sendBytes(bytes);
        } finally {
            buf.release();
        }
    }

    void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // The server may close as soon as it has seen enough of a bad frame; what it does next is the test.
        }
    }

    /** Ends our half of the stream, as a peer that sent all it will send. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // already closed by the server
        }
    }

    /** Reads the CHALLENGE, answers it with a HELLO and returns the server's answer. */
    Frame handshake(String group, String nodeId, long epoch, byte[] secret) {
        Frame.Challenge challenge = (Frame.Challenge) read();
        send(new Frame.Hello(group, nodeId, epoch, HandshakeProof.compute(secret, challenge.nonce(), group,
                nodeId, epoch)));
        return read();
    }

    /**
     * Reads until the server closes the connection and returns the reason of its REFUSED frame, or null when it
     * closed without one. Fails when the connection is still open after the socket timeout.
     */
    String awaitClosed() {
        String reason = null;
        try {
            while (true) {
                Frame frame = read();
                if (frame instanceof Frame.Refused refused) {
                    reason = refused.reason();
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw new AssertionError("the server did not close the connection", e);
            }
            if (e.getCause() instanceof EOFException || e.getCause() instanceof SocketException) {
                return reason;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
