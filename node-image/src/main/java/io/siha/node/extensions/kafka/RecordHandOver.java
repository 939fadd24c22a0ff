package io.siha.node.extensions.kafka;

import io.siddhi.core.stream.input.source.SourceEventListener;
import io.siha.node.extensions.DeliveryCount;
import io.siha.node.ingest.BadEventException;
import io.siha.node.source.SourceEventRefusedException;
import io.siha.node.source.SourceRefusals;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Hands one record to a Kafka source's mapper, on the calling thread, with its {@link RecordIds id} as the first
 * transport sync property, and says what became of it: taken (processed and on its way to the passive), not an event
 * for the mapper, refused for its values, or refused for now (the node not active, its memory or a sink's backlog
 * full), which must be handed over again later, never skipped.
 */
final class RecordHandOver {

    /** What became of a record. */
    enum Outcome {
        /** The mapper made one or more events of it and the node processed them. */
        TAKEN,
        /** The mapper made nothing of it and logged why (malformed, wrong types, missing attributes). */
        UNMAPPED,
        /** The node refused its values for the stream's attributes: no retry would change that. */
        REFUSED_FOR_ITS_VALUES,
        /** The node takes no events now: hand it over again later. */
        REFUSED_FOR_NOW
    }

    /** An outcome, and the node's reason for a refusal. */
    record Result(Outcome outcome, String reason) {
    }

    private final SourceEventListener listener;
    private final RecordTransportProperties transportProperties;
    private final boolean binary;

    RecordHandOver(SourceEventListener listener, RecordTransportProperties transportProperties, boolean binary) {
        this.listener = listener;
        this.transportProperties = transportProperties;
        this.binary = binary;
    }

    Result handOver(ConsumerRecord<byte[], byte[]> record) {
        Object payload = record.value() == null ? null
                : binary ? record.value() : new String(record.value(), StandardCharsets.UTF_8);
        SourceRefusals.clear();
        DeliveryCount.reset();
        listener.onEvent(payload, transportProperties.of(record),
                new String[] {RecordIds.of(record.topic(), record.partition(), record.offset())});
        int handed = DeliveryCount.handed();
        Optional<SourceEventRefusedException> refusal = SourceRefusals.take();
        if (refusal.isPresent()) {
            return new Result(refusal.get().getCause() instanceof BadEventException
                    ? Outcome.REFUSED_FOR_ITS_VALUES : Outcome.REFUSED_FOR_NOW, refusal.get().getMessage());
        }
        return new Result(handed == 0 ? Outcome.UNMAPPED : Outcome.TAKEN, null);
    }
}
