package io.siha.node.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An attacker without a token, on one thread: keeps up to {@code perTarget} connections open to each target port,
 * each opened with a request head (HTTP: {@code Content-Length: 4194304}, no Authorization) or a frame prefix (binary:
 * a 4 MiB length before any HELLO) and then holding the rest back; a connection the node closes is opened again.
 * Targets that refuse (a passive's closed ingest ports) are retried too, so the flood meets a new active at once.
 */
final class UnauthenticatedFlood implements AutoCloseable {

    /** What each connection sends first, and then holds. */
    enum Opening {
        HTTP_BIG_BODY("POST /v1/apps/Counter/streams/Orders HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4194304\r\n\r\n[{\"region\":\"eu\",\"amount\":1}"),
        BINARY_BIG_FRAME("\u0000\u0040\u0000\u0000partial");

        private final byte[] bytes;

        Opening(String text) {
            this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private record Target(InetSocketAddress address, Opening opening, List<SocketChannel> open) {
    }

    private final List<Target> targets = new ArrayList<>();
    private final int perTarget;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closedByNode = new AtomicLong();
    private final Thread thread;

    UnauthenticatedFlood(int perTarget) {
        this.perTarget = perTarget;
        this.thread = new Thread(this::loop, "test-flood");
        this.thread.setDaemon(true);
    }

    UnauthenticatedFlood target(String host, int port, Opening opening) {
        targets.add(new Target(new InetSocketAddress(host, port), opening, new ArrayList<>()));
        return this;
    }

    UnauthenticatedFlood start() {
        thread.start();
        return this;
    }

    long opened() {
        return opened.get();
    }

    long closedByNode() {
        return closedByNode.get();
    }

    private void loop() {
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        while (running.get()) {
            for (Target target : targets) {
                target.open().removeIf(channel -> closedByTheNode(channel, scratch));
                while (running.get() && target.open().size() < perTarget) {
                    SocketChannel channel = connect(target);
                    if (channel == null) {
                        break; // refused (no port open there now): try again on the next round
                    }
                    target.open().add(channel);
                }
            }
            sleep(20);
        }
        for (Target target : targets) {
            target.open().forEach(UnauthenticatedFlood::closeQuietly);
        }
    }

    private SocketChannel connect(Target target) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.socket().connect(target.address(), 200);
            channel.write(ByteBuffer.wrap(target.opening().bytes));
            channel.configureBlocking(false);
            opened.incrementAndGet();
            return channel;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean closedByTheNode(SocketChannel channel, ByteBuffer scratch) {
        try {
            scratch.clear();
            int read = channel.read(scratch); // a 401 or an error reply, then the end: the node let go of it
            if (read < 0) {
                closedByNode.incrementAndGet();
                closeQuietly(channel);
                return true;
            }
            return false;
        } catch (IOException e) {
            closedByNode.incrementAndGet();
            closeQuietly(channel);
            return true;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // gone already
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
