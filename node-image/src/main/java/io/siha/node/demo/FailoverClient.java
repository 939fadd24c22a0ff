package io.siha.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.client.ClientEvent;
import io.siha.client.DeliveryListener;
import io.siha.client.RefusedException;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The demo's client, over the nodes of a local pair: {@link SiHaClient} sends each batch to whichever node is active,
 * retrying it with the same event ids at the other node when one fails or stops being active, and {@link #send} waits
 * for the acknowledgement and tells which node gave it. On-demand queries go over HTTP. One sending thread per
 * client: the endpoint of the latest acknowledgement is the endpoint of the batch just sent.
 */
public final class FailoverClient implements AutoCloseable {

    /** Which endpoint (index of the node in the list) acknowledged, and when. */
    public record Ack(int endpoint, long atNanos) {
    }

    private final List<LocalNode> nodes;
    private final List<String> endpoints;
    private final SiHaClient client;
    private volatile String lastAckedBy;
    private int queryFrom;

    /**
     * @param transport   the ingest port the events go to: binary or HTTP
     * @param giveUpAfter how long one batch is retried across the nodes before {@link #send} fails
     */
    public FailoverClient(List<LocalNode> nodes, Transport transport, Duration giveUpAfter) {
        this.nodes = List.copyOf(nodes);
        this.endpoints = nodes.stream().map(n -> n.ingestAddress(transport)).toList();
        this.client = SiHaClient.builder()
                .endpoints(endpoints)
                .transport(transport)
                .attributeNames(Demo.APP, Demo.STREAM, "region", "amount")
                .retryTime(giveUpAfter)
                .bearerToken(nodes.get(0).ingestToken().orElse(null))
                .listener(new DeliveryListener() {
                    @Override
                    public void acknowledged(String endpoint, int events) {
                        lastAckedBy = endpoint;
                    }
                })
                .build();
    }

    /**
     * Sends one batch and waits until a node acknowledged it.
     *
     * @throws IllegalStateException    if no node acknowledged it within the give-up time
     * @throws IllegalArgumentException if a node refused it as bad input
     */
    public Ack send(String app, String stream, List<ClientEvent> events) {
        try {
            client.sendBatch(app, stream, events).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RefusedException refused
                    ? new IllegalArgumentException(refused.getMessage(), refused)
                    : new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        return new Ack(endpoints.indexOf(lastAckedBy), System.nanoTime());
    }

    /** Runs an on-demand query on whichever node answers it (only the active does). */
    public JsonNode query(String app, String storeQuery) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int at = (queryFrom + attempt) % nodes.size();
            Optional<JsonNode> rows = nodes.get(at).query(app, storeQuery);
            if (rows.isPresent()) {
                queryFrom = at;
                return rows.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no node answered the query '" + storeQuery + "'");
    }

    /** How many events the demo's counting app has counted, asked of whichever node is active. */
    public long counted() throws InterruptedException {
        return Demo.countIn(query(Demo.APP, Demo.COUNT_QUERY));
    }

    @Override
    public void close() {
        client.close();
    }
}
