package io.siha.client;

/**
 * Optional hooks on what {@link SiHaClient} does with each batch, for logs and metrics. Called on the client's I/O
 * thread: return quickly and never block.
 */
public interface DeliveryListener {

    /** {@code events} events were acknowledged by the node at {@code endpoint} ({@code host:port}). */
    void acknowledged(String endpoint, int events);

    /** An attempt at {@code endpoint} failed with {@code problem}; the batch is sent again at the next endpoint. */
    default void retrying(String endpoint, String problem) {
    }
}
