package io.siha.node.faults;

import io.siha.node.kafka.KafkaBroker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes numbered orders to a Kafka topic as the relay app reads them ({@code {"event":{"region":..,"amount":n}}}, the
 * order's number as its amount): 1, 2, 3 ... in that order, order n to the n-th of the given partitions round robin,
 * each counting as produced once the broker acknowledged it. Either a burst at once, or a steady rate on a thread of
 * its own, which waits through a broker outage (the broker's producer retries) and goes on.
 */
final class KafkaOrders implements AutoCloseable {

    private final KafkaBroker broker;
    private final String topic;
    private final List<Integer> partitions;
    /** The numbers written to each of {@link #partitions}, in the order written. */
    private final List<List<Long>> written = new ArrayList<>();
    private final AtomicBoolean steady = new AtomicBoolean();
    private long next = 1;
    private Thread writer;

    KafkaOrders(KafkaBroker broker, String topic, List<Integer> partitions) {
        this.broker = broker;
        this.topic = topic;
        this.partitions = List.copyOf(partitions);
        partitions.forEach(partition -> written.add(new ArrayList<>()));
    }

    /** Writes the next {@code count} orders at once and returns once the broker has them all. */
    synchronized void burst(int count) {
        List<KafkaBroker.Placed> records = new ArrayList<>(count);
        List<Long> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long number = next + i;
            numbers.add(number);
            records.add(new KafkaBroker.Placed(partitions.get(index(number)), json(number)));
        }
        broker.sendAll(topic, records);
        numbers.forEach(number -> written.get(index(number)).add(number));
        next += count;
    }

    /** Starts writing {@code perSecond} orders a second, one at a time, until {@link #stopSteady()}. */
    void steady(int perSecond) {
        steady.set(true);
        writer = new Thread(() -> {
            long started = System.nanoTime();
            for (long sent = 1; steady.get(); sent++) {
                burst(1);
                long wait = started + sent * 1_000_000_000L / perSecond - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "test-kafka-orders");
        writer.start();
    }

    /** Stops the steady writer and waits for its last order to be acknowledged. */
    void stopSteady() throws InterruptedException {
        steady.set(false);
        if (writer != null) {
            writer.join(90_000);
        }
    }

    /** Orders acknowledged so far. */
    synchronized long produced() {
        return next - 1;
    }

    /**
     * What was written to some of the partitions: how many orders, the sum of their numbers (which an app counting
     * each once sums too), and per partition the numbers in the order written (the order the relay must output them).
     */
    record Written(long count, long numberSum, List<List<Long>> perPartition) {
    }

    /** What was written to every partition so far. */
    Written written() {
        return written(partitions);
    }

    /** What was written so far to those of the topic's partitions a pair reads. */
    synchronized Written written(List<Integer> read) {
        List<List<Long>> numbers = read.stream().<List<Long>>map(partition -> List.copyOf(
                written.get(partitions.indexOf(partition)))).toList();
        return new Written(numbers.stream().mapToLong(List::size).sum(),
                numbers.stream().flatMap(List::stream).mapToLong(Long::longValue).sum(), numbers);
    }

    private int index(long number) {
        return (int) (number % partitions.size());
    }

    private static String json(long number) {
        return "{\"event\":{\"region\":\"" + region(number) + "\",\"amount\":" + number + "}}";
    }

    /** The region of order {@code number}: one of five, the relay's output key. */
    static String region(long number) {
        return "r" + number % 5;
    }

    @Override
    public void close() throws InterruptedException {
        stopSteady();
    }
}
