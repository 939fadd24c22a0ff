package io.siha.node.extensions.kafka;

import io.siha.node.output.OutputBatch;
import io.siha.node.output.OutputId;
import io.siha.node.output.OutputNotDeliveredException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One producer of a Kafka sink, from its first output until it fails for good or the sink disconnects, and the batch
 * of records it sent and has not yet waited for. Idempotent: each batch's sends go out at once (Kafka's idempotent
 * producer keeps them in order, up to 5 requests in flight) and the batch completes once the broker acknowledged every
 * one. Transactional: the session starts by fencing every earlier producer of the sink's transactional id (Kafka
 * aborts what they left open, and none of them can commit any more) and reads back the newest output the topic holds
 * committed for the sink ({@link CommittedOutputs}); outputs up to it are not written again; each batch is one
 * transaction, committed as the batch completes, aborted if it is abandoned.
 */
final class ProducerSession implements OutputBatch.Completion {

    /** Longer than the producer's delivery timeout: its own failure, with its reason, comes first. */
    private static final long WAIT_MS = 40_000;

    private final Producer<byte[], byte[]> producer;
    private final String description;
    /** Transactional only: the newest output the topic held committed for the sink when the session began. */
    private final OutputId committedBefore;
    private final boolean transactional;
    private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();
    private boolean inTransaction;
    private volatile boolean broken;

    private ProducerSession(Producer<byte[], byte[]> producer, String description, boolean transactional,
                            OutputId committedBefore) {
        this.producer = producer;
        this.description = description;
        this.transactional = transactional;
        this.committedBefore = committedBefore;
    }

    /** A session of the sink {@code description} with {@code options}; throws if its producer cannot start. */
    static ProducerSession open(KafkaSinkOptions options, String description, byte[] sinkName) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(options.producerProperties());
        if (!options.transactional()) {
            return new ProducerSession(producer, description, false, OutputId.NONE);
        }
        try {
            producer.initTransactions();
            OutputId committed = CommittedOutputs.newest(options.producerProperties(), options.topic().getValue(),
                    sinkName);
            return new ProducerSession(producer, description, true, committed);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw new OutputNotDeliveredException("Kafka sink " + description + ": its transactions cannot start: "
                    + e);
        }
    }

    /** Sends {@code record}, the output {@code id}, without waiting (unless a transactional earlier term wrote it). */
    void send(ProducerRecord<byte[], byte[]> record, Optional<OutputId> id) {
        if (transactional && id.isPresent() && !id.get().after(committedBefore)) {
            return;
        }
        try {
            if (transactional && !inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
            }
            inFlight.add(producer.send(record));
        } catch (KafkaException e) { // no metadata within max.block.ms, a record too large, a fenced producer, ...
            throw new OutputNotDeliveredException("Kafka sink " + description + ": " + e);
        }
    }

    @Override
    public void complete() {
        try {
            OutputNotDeliveredException failure = null;
            // Every send waited for, even after one failed: none of the batch is still in flight when it is handed
            // over again.
            for (Future<RecordMetadata> sent : inFlight) {
                OutputNotDeliveredException failed = waitFor(sent);
                failure = failure == null ? failed : failure;
            }
            if (failure != null) {
                throw failure;
            }
            if (inTransaction) {
                try {
                    producer.commitTransaction();
                } catch (KafkaException e) {
                    throw new OutputNotDeliveredException("Kafka sink " + description + ": the transaction did not"
                            + " commit: " + e);
                }
                inTransaction = false;
            }
        } finally {
            inFlight.clear();
        }
    }

    private OutputNotDeliveredException waitFor(Future<RecordMetadata> sent) {
        try {
            sent.get(WAIT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return new OutputNotDeliveredException("Kafka sink " + description + ": the topic did not take the"
                    + " record: " + e.getCause());
        } catch (TimeoutException e) {
            return new OutputNotDeliveredException("Kafka sink " + description + ": no acknowledgement within "
                    + WAIT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OutputNotDeliveredException("Kafka sink " + description + ": interrupted");
        }
    }

    @Override
    public void abandon() {
        inFlight.clear();
        if (inTransaction) {
            inTransaction = false;
            try {
                producer.abortTransaction();
            } catch (KafkaException e) { // fenced, or in a state only a new producer leaves
                broken = true;
            }
        }
    }

    /** Whether the session can go on; otherwise the sink closes it and the next output opens a new one. */
    boolean usable() {
        return !broken;
    }

    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
