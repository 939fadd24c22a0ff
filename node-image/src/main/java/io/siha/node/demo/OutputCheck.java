package io.siha.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outputs that arrived, against the outputs the inputs must produce: each output names its input by the number in
 * its {@code amount} attribute, and the expected numbers are in the order the inputs were sent.
 *
 * @param expected          outputs the acknowledged inputs must produce
 * @param arrived           POSTs the receiver took, repeats included
 * @param lost              expected outputs that never arrived
 * @param duplicated        arrivals of an output that had arrived before
 * @param underAnotherId    of those, arrivals under another Idempotency-Key than the first (a receiver could not
 *                          de-duplicate them)
 * @param reordered         outputs whose first arrival came after that of an output expected later
 * @param unexpected        arrivals of an output no acknowledged input should produce
 */
public record OutputCheck(long expected, long arrived, long lost, long duplicated, long underAnotherId, long reordered,
                          long unexpected) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks {@code arrivals} against the numbers of the outputs expected, in the order expected. */
    public static OutputCheck of(List<Long> expectedInOrder, List<OutputReceiver.Received> arrivals) {
        return ofSenders(List.of(expectedInOrder), arrivals);
    }

    /**
     * Checks {@code arrivals} against the outputs of several senders, each list in the order its sender sent: outputs
     * of one sender must arrive in its order; how two senders' outputs interleave is the pair's choice.
     */
    public static OutputCheck ofSenders(List<List<Long>> expectedPerSender, List<OutputReceiver.Received> arrivals) {
        Map<Long, int[]> rank = new HashMap<>(); // number -> {sender, position}
        for (int sender = 0; sender < expectedPerSender.size(); sender++) {
            List<Long> expected = expectedPerSender.get(sender);
            for (int i = 0; i < expected.size(); i++) {
                rank.put(expected.get(i), new int[] {sender, i});
            }
        }
        Map<Long, String> firstKey = new HashMap<>();
        Set<Long> firstArrivals = new LinkedHashSet<>();
        long duplicated = 0;
        long underAnotherId = 0;
        long unexpected = 0;
        for (OutputReceiver.Received arrival : arrivals) {
            long number = numberOf(arrival.body());
            if (!rank.containsKey(number)) {
                unexpected++;
                continue;
            }
            String earlier = firstKey.putIfAbsent(number, String.valueOf(arrival.key()));
            if (earlier != null) {
                duplicated++;
                if (!earlier.equals(String.valueOf(arrival.key()))) {
                    underAnotherId++;
                }
            }
            firstArrivals.add(number);
        }
        long reordered = 0;
        int[] highest = new int[expectedPerSender.size()];
        Arrays.fill(highest, -1);
        for (long number : firstArrivals) {
            int[] place = rank.get(number);
            if (place[1] < highest[place[0]]) {
                reordered++;
            }
            highest[place[0]] = Math.max(highest[place[0]], place[1]);
        }
        return new OutputCheck(rank.size(), arrivals.size(), rank.size() - firstArrivals.size(), duplicated,
                underAnotherId, reordered, unexpected);
    }

    /**
     * The outputs of two disjoint sets of lanes together, each checked on its own: a Kafka topic's partitions, whose
     * records keep their order only within one partition.
     */
    public OutputCheck plus(OutputCheck other) {
        return new OutputCheck(expected + other.expected, arrived + other.arrived, lost + other.lost,
                duplicated + other.duplicated, underAnotherId + other.underAnotherId, reordered + other.reordered,
                unexpected + other.unexpected);
    }

    /**
     * Whether the outputs are what the pair promises: none lost, none out of order, none that no input should produce,
     * and repeats only under the id of their first arrival, which a receiver de-duplicates on.
     */
    public boolean sound() {
        return lost == 0 && reordered == 0 && unexpected == 0 && underAnotherId == 0;
    }

    /** The {@code amount} of an output body, whether the sink mapped it ({@code {"event":{...}}}) or not. */
    static long numberOf(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode event = json.has("event") ? json.get("event") : json;
            return event.path("amount").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
