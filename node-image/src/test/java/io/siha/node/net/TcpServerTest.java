package io.siha.node.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A closed port refuses at once: without waiting for the event loop to release the socket, about half of the
 * connects right after a close on a shared loop were still accepted (and then reset).
 */
class TcpServerTest {

    private static final int ROUNDS = 300;

    @Test
    void aClosedPortRefusesTheVeryNextConnect() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            List<String> served = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                TcpServer server = TcpServer.start("test", group, "127.0.0.1", 0, PortLimits.REST, ch -> { });
                int port = server.port();
                try (Socket before = new Socket("127.0.0.1", port)) {
                    assertThat(before.isConnected()).isTrue();
                }
                server.close();
                try (Socket after = new Socket("127.0.0.1", port)) {
                    served.add("round " + i + ": port " + port + " accepted after close");
                } catch (ConnectException refused) {
                    // what a closed port does
                } catch (IOException reset) {
                    served.add("round " + i + ": port " + port + " accepted after close, then " + reset);
                }
            }
            assertThat(served).isEmpty();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aPortClosedWhileItsLoopShutsDownIsReleasedWithTheLoop() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        TcpServer server = TcpServer.start("test", group, "127.0.0.1", 0, PortLimits.REST, ch -> { });
        int port = server.port();
        group.shutdownGracefully(300, 2_000, TimeUnit.MILLISECONDS); // still running, in its quiet period
        server.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}
