package io.siha.client;

/** How {@link SiHaClient} talks to the nodes. */
public enum Transport {
    /**
     * The binary ingest port ({@code SIHA_BINARY_INGEST_PORT}, default 9611): length-prefixed frames on one connection
     * per node with many batches in flight ({@link IngestCodec}). The fast path.
     */
    BINARY,
    /**
     * The HTTP ingest port ({@code SIHA_HTTP_INGEST_PORT}, default 8006): one JSON POST per batch. Needs each stream's
     * attribute names ({@link SiHaClient.Builder#attributeNames}), as JSON keys values by name.
     */
    HTTP
}
