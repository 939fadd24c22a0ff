package io.siha.node.extensions.kafka;

import io.siha.node.crash.FatalErrors;
import io.siha.node.net.RateLimitedLog;
import io.siha.node.source.BatchedHolds;
import io.siddhi.core.exception.ConnectionUnavailableException;
import io.siddhi.core.stream.input.source.Source;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The consumer thread of one Kafka source, while it is connected (on the active only): it places every partition just
 * after the newest record the pair holds ({@link ConsumedOffsets}, restored and advanced by the replay), polls, and
 * hands each record to the mapper in order, then waits once per poll until the pair holds what the poll became and
 * has applied it, and only then advances the offsets: they are Siddhi state, and the active applies events on its own
 * thread, so offsets advanced as records are handed over could be in a snapshot ahead of the records' effects. A
 * record the mapper makes nothing of, or whose values the node refuses, is logged and skipped (its offset is still
 * covered with the poll's, so it cannot stall the pair); a record the node refuses for now is handed over again after a backoff, with
 * the consumer kept alive meanwhile and nothing read past it. Nothing is committed to Kafka.
 */
final class RecordFeed implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RecordFeed.class);
    private static final RateLimitedLog skipped = new RateLimitedLog(log);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final KafkaSourceOptions options;
    private final String description;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Source.ConnectionCallback connection;
    private final ConsumedOffsets offsets;
    private final RecordHandOver handOver;
    private final AtomicLong skippedRecords;
    private final Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean stopped;
    private boolean paused;

    /**
     * @param consumers  makes the consumer, on the feed's thread
     * @param connection told when no consumer can be made (a broker name that does not resolve yet): Siddhi then
     *                   disconnects the source and connects it again after a backoff, with an ERROR line
     */
    RecordFeed(KafkaSourceOptions options, String description, Supplier<Consumer<byte[], byte[]>> consumers,
               ConsumedOffsets offsets, RecordHandOver handOver, AtomicLong skippedRecords,
               Source.ConnectionCallback connection) {
        this.options = options;
        this.description = description;
        this.consumers = consumers;
        this.connection = connection;
        this.offsets = offsets;
        this.handOver = handOver;
        this.skippedRecords = skippedRecords;
        this.thread = new Thread(this, "siha-kafka-" + description);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops polling, closes the consumer and waits for the thread (at most 10 s). */
    void stop() {
        stopped = true;
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        synchronized (this) {
            notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Siddhi pauses sources around a persist: no record is handed over meanwhile. */
    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    @Override
    public void run() {
        try {
            consumer = consumers.get();
        } catch (KafkaException e) {
            connection.onError(new ConnectionUnavailableException("source:kafka " + description + " cannot make its"
                    + " consumer: " + e.getMessage(), e));
            return;
        }
        if (stopped) { // stop() came while the consumer was being made, and could not wake it
            consumer.close(Duration.ZERO);
            return;
        }
        try {
            if (options.assignsPartitions()) {
                consumer.assign(options.assigned());
                placeAfterHeldRecords(options.assigned());
            } else {
                consumer.subscribe(options.topics(), new Placement());
            }
            log.info("Kafka source {} reading {} from {}", description, options.assignsPartitions()
                    ? options.assigned() : options.topics() + " (group " + options.groupId() + ")", offsets);
            while (!stopped) {
                deliver(consumer.poll(POLL));
            }
        } catch (WakeupException | InterruptException e) {
            // stop() woke the consumer up: the source is disconnecting
        } catch (Throwable e) {
            FatalErrors.haltIfFatal("the Kafka source " + description, e);
            log.error("Kafka source {} stopped reading: {}", description, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Seeks each of {@code partitions} the pair holds records of to just after the newest. */
    private void placeAfterHeldRecords(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            OptionalLong next = offsets.next(partition);
            if (next.isPresent()) {
                consumer.seek(partition, next.getAsLong());
            }
        }
    }

    private void deliver(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        if (records.isEmpty()) {
            return;
        }
        BatchedHolds.open();
        CompletableFuture<Void> held;
        Map<TopicPartition, Long> newest = new HashMap<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (!deliver(record)) {
                    return;
                }
                newest.put(new TopicPartition(record.topic(), record.partition()), record.offset());
            }
        } finally {
            held = BatchedHolds.close();
        }
        if (awaitHeld(held)) {
            newest.forEach(offsets::processed);
        }
    }

    /** Hands {@code record} over until it is taken or skipped; false if the source stopped first. */
    private boolean deliver(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        while (!stopped) {
            awaitResumed();
            RecordHandOver.Result result = handOver.handOver(record);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            switch (result.outcome()) {
                case TAKEN -> {
                    return true;
                }
                case UNMAPPED, REFUSED_FOR_ITS_VALUES -> {
                    skippedRecords.incrementAndGet();
                    skipped.warn("skipped " + description, "Kafka source {}: record {}@{} skipped: {} (records skipped"
                            + " so far: {})", description, partition, record.offset(),
                            result.outcome() == RecordHandOver.Outcome.UNMAPPED ? "the @map made no event of it (the"
                                    + " mapper's ERROR line says why)" : result.reason(), skippedRecords.get());
                    return true;
                }
                case REFUSED_FOR_NOW -> {
                    skipped.warn("refused " + description, "Kafka source {}: record {}@{} not taken, handed over"
                            + " again in {} ms: {}", description, partition, record.offset(), backoff,
                            result.reason());
                    keepAliveFor(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                }
                default -> throw new IllegalStateException("unknown outcome " + result.outcome());
            }
        }
        return false;
    }

    /**
     * Waits {@code millis} polling with every partition paused: the consumer stays in its group (a poll at least every
     * max.poll.interval.ms) and nothing more is fetched. A rebalance meanwhile places newly assigned partitions again.
     */
    private void keepAliveFor(long millis) {
        Collection<TopicPartition> assignment = consumer.assignment();
        consumer.pause(assignment);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!stopped && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> none = consumer.poll(Duration.ofMillis(Math.min(millis, 100)));
                if (!none.isEmpty()) {
                    throw new IllegalStateException("a paused consumer returned records");
                }
            }
        } finally {
            consumer.resume(consumer.assignment());
        }
    }

    /**
     * Waits until the pair holds the poll's events and has applied them; true then. False if the term ended (the source
     * closes with it) or the source stopped.
     */
    private boolean awaitHeld(CompletableFuture<Void> held) throws InterruptedException {
        while (!stopped) {
            try {
                held.get(100, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                // still waiting for the passive or a snapshot
            } catch (ExecutionException e) {
                log.info("Kafka source {}: the pair did not hold the last records ({}); the source closes with the"
                        + " term", description, e.getCause().toString());
                return false;
            }
        }
        return false;
    }

    private synchronized void awaitResumed() throws InterruptedException {
        while (paused && !stopped) {
            wait();
        }
    }

    /** Without partition.no.list: each partition the group assigns is placed after the pair's newest record of it. */
    private final class Placement implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            placeAfterHeldRecords(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to commit: the offsets are in the pair's snapshots.
        }
    }
}
