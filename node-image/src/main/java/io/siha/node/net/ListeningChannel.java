package io.siha.node.net;

import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Netty server channel whose close can be waited for until the port really stops listening. The JDK defers closing
 * a socket registered with a selector until the selector's next selection deregisters it, so for a moment after
 * Netty's close completes, the kernel still accepts connections on the port (and then resets them), and the port
 * cannot be bound again.
 */
final class ListeningChannel extends NioServerSocketChannel {

    private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

    /**
     * Waits until the closed socket is released by the event loop, waking the loop so its next selection releases it;
     * returns at once on the loop itself, which cannot select while it waits. A loop that is shut down takes no task to
     * wake it; it releases the socket as it closes its selector.
     */
    void awaitReleased() {
        if (eventLoop().inEventLoop()) {
            return;
        }
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        while (javaChannel().isRegistered() && System.nanoTime() < deadline) {
            try {
                eventLoop().execute(() -> { });
            } catch (RejectedExecutionException shutDown) {
                eventLoop().terminationFuture().awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
