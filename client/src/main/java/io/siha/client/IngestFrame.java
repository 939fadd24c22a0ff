package io.siha.client;

import java.util.List;

/** One frame of the binary ingest protocol; {@link IngestCodec} documents the byte layout of each. */
public sealed interface IngestFrame {

    /** Client to node, first frame of a connection. {@code token} is the bearer token, or null for none. */
    record Hello(int version, String token) implements IngestFrame {
    }

    /** Node to client: the HELLO is accepted; EVENTS may follow. */
    record HelloOk(int version) implements IngestFrame {
    }

    /** Either side: the connection is refused or broken; the sender closes it after this frame. */
    record ConnectionError(RefusalCode code, String message) implements IngestFrame {
    }

    /** Client to node: a batch of events of one stream, answered by an ACK or a NACK with the same request id. */
    record Events(long requestId, String app, String stream, List<ClientEvent> events) implements IngestFrame {
    }

    /** Node to client: all {@code count} events of request {@code requestId} are acknowledged (held by the pair). */
    record Ack(long requestId, int count) implements IngestFrame {
    }

    /** Node to client: nothing of request {@code requestId} was taken, for the reason given. */
    record Nack(long requestId, RefusalCode code, String message) implements IngestFrame {
    }
}
