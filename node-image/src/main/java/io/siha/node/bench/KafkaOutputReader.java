package io.siha.node.bench;

import io.siha.node.demo.KafkaOutputs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread reading one relay app's output topic ({@code read_committed}, from the end it had when started) while the
 * bench does other things (kills a node): every output as read, with the time it was read.
 */
final class KafkaOutputReader implements AutoCloseable {

    /**
     * One output as read.
     *
     * @param id       the relayed record's id
     * @param sentAtMs when that record was produced (epoch ms, the bench's clock)
     * @param readAtMs when this output was read
     * @param outputId its {@code siha-output-id} header, what a reader de-duplicates on
     */
    record Read(long id, long sentAtMs, long readAtMs, String outputId) {

        long latencyMs() {
            return readAtMs - sentAtMs;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Read> reads = new ArrayList<>();
    private final Set<Long> distinctIds = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean stopped;

    private KafkaOutputReader(String servers, String topic) {
        consumer = KafkaRelayRun.consumer(servers, topic);
        thread = new Thread(this::read, "bench-reader-" + topic);
        thread.setDaemon(true);
    }

    /** Placed at the end of {@code topic} before it returns, so everything produced after the call is read. */
    static KafkaOutputReader start(String servers, String topic) {
        KafkaOutputReader reader = new KafkaOutputReader(servers, topic);
        reader.thread.start();
        return reader;
    }

    private void read() {
        try {
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long id = KafkaRelayRun.idOf(record);
                    Read read = new Read(id, KafkaRelayRun.sentAtOf(record), System.currentTimeMillis(),
                            KafkaOutputs.outputId(record));
                    synchronized (reads) {
                        reads.add(read);
                    }
                    distinctIds.add(id);
                }
            }
        } catch (WakeupException e) {
            // close(): done reading
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** How many of the ids {@code from} to {@code from + count - 1} were read at least once. */
    long readOf(long from, long count) {
        return distinctIds.stream().filter(id -> id >= from && id < from + count).count();
    }

    /** Every output read so far, in the order read. */
    List<Read> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
