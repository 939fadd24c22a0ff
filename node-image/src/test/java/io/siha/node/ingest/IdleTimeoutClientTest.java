package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.http.HttpServer;
import io.siha.node.net.PortLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A quiet client loses nothing to the idle timeout: after the node has closed its idle connection, SiHaClient's next
 * batch goes over a new one, on either transport.
 */
class IdleTimeoutClientTest {

    private static final String TOKEN = "idle-client-token-0123456789";
    private static final PortLimits QUICK_IDLE = PortLimits.INGEST.withTimeouts(Duration.ofMillis(500),
            Duration.ofSeconds(5));

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SampleAppTarget target = new SampleAppTarget();
    private HttpServer http;
    private BinaryIngestServer binary;

    @AfterEach
    void close() {
        http.close();
        binary.close();
        target.close();
        group.shutdownGracefully();
    }

    @Test
    void aBatchAfterTheIdleTimeoutIsAcknowledgedOnEitherTransport() throws Exception {
        http = IngestServer.open(group, "127.0.0.1", 0, Optional.of(TOKEN), Optional.empty(), QUICK_IDLE, target);
        binary = BinaryIngestServer.open(group, "127.0.0.1", 0, Optional.of(TOKEN), Optional.empty(), QUICK_IDLE,
                target);
        try (SiHaClient overBinary = client(binary.port(), Transport.BINARY);
             SiHaClient overHttp = client(http.port(), Transport.HTTP)) {
            for (SiHaClient client : new SiHaClient[] {overBinary, overHttp}) {
                client.send("Counter", "Orders", null, "eu", 1L).get(5, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> binary.openConnections() == 0
                    && http.openConnections() == 0);
            for (SiHaClient client : new SiHaClient[] {overBinary, overHttp}) {
                client.send("Counter", "Orders", null, "eu", 1L).get(5, TimeUnit.SECONDS);
            }
        }
        assertThat(target.counted()).isEqualTo(4);
    }

    private static SiHaClient client(int port, Transport transport) {
        return SiHaClient.builder().endpoints("127.0.0.1:" + port).transport(transport).bearerToken(TOKEN)
                .attributeNames("Counter", "Orders", "region", "amount").build();
    }
}
