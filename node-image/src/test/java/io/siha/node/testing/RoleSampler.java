package io.siha.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.client.Transport;
import io.siha.node.demo.LocalNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A timeline of both nodes' roles as a client sees them: every ~10 ms it reads each node's {@code /v1/status}
 * (role, epoch, ready) and tries to connect to its ingest port. {@link #check()} then proves that no sample shows
 * two nodes ready, two ingest ports open, or an older epoch ready after a newer one.
 *
 * <p>Sampling is discrete, so a sample cannot prove two terms did not overlap between samples; the epoch check
 * covers that: an overlap would show as a ready epoch after a newer one, or one epoch on two nodes.
 */
public final class RoleSampler implements AutoCloseable {

    /** One node in one sample; {@code answered} false when its REST port did not answer (killed, starting). */
    public record View(boolean answered, String role, long epoch, boolean ready, boolean ingestOpen,
                       boolean peerConnected, boolean degraded, long lastSeq, int queueDepth) {

        boolean active() {
            return answered && "active".equals(role) && ready;
        }
    }

    public record Sample(long atNanos, List<View> nodes) {

        public long ready() {
            return nodes.stream().filter(View::ready).count();
        }

        public long open() {
            return nodes.stream().filter(View::ingestOpen).count();
        }

        /** The node that is ready or has its ingest port open, or -1. */
        public int serving() {
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).ready() || nodes.get(i).ingestOpen()) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * What the timeline showed: samples taken, the samples that showed two nodes serving (see {@link #check()}; 0
     * on a sound timeline), the longest time between two samples, the number of changes of the serving node, and
     * the shortest gap between one node's last serving sample and the next's first.
     */
    public record Summary(int samples, int twoActiveInstants, long maxSampleGapMs, int handovers,
                          long minHandoverGapMs) {
    }

    /** A pass over the timeline: its summary, and the first offending sample described (null when none). */
    private record Scan(Summary summary, String firstViolation) {
    }

    private final List<LocalNode> nodes;
    private final List<List<Integer>> ingestPorts;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public RoleSampler(List<LocalNode> nodes) {
        this.nodes = List.copyOf(nodes);
        // Both ingest ports, HTTP and binary: either one open on two nodes at once would let two nodes take events.
        this.ingestPorts = nodes.stream().map(n -> Stream.of(Transport.values()).map(n::ingestPort).toList()).toList();
        this.thread = new Thread(this::run, "test-role-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long at = System.nanoTime();
            List<View> views = new ArrayList<>(nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                views.add(view(nodes.get(i), ingestPorts.get(i)));
            }
            synchronized (samples) {
                samples.add(new Sample(at, List.copyOf(views)));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static View view(LocalNode node, List<Integer> ingestPorts) {
        Optional<JsonNode> status = node.status();
        boolean open = ingestPorts.stream().anyMatch(RoleSampler::portOpen);
        return status.map(s -> new View(true, s.path("role").asText(), s.path("epoch").asLong(),
                        s.path("ready").asBoolean(), open, s.path("peerConnected").asBoolean(),
                        s.path("degraded").asBoolean(), s.path("lastSeq").asLong(), s.path("queueDepth").asInt()))
                .orElse(new View(false, "down", 0, false, open, false, false, 0, 0));
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    public List<Sample> samplesBetween(long fromNanos, long toNanos) {
        return samples().stream().filter(s -> s.atNanos() - fromNanos >= 0 && s.atNanos() - toNanos < 0).toList();
    }

    /** The first sample at or after {@code fromNanos} that matches, if any yet. */
    public Optional<Sample> first(long fromNanos, Predicate<Sample> matches) {
        return samples().stream().filter(s -> s.atNanos() - fromNanos >= 0).filter(matches).findFirst();
    }

    /** The newest sample, if any. */
    public Optional<Sample> latest() {
        List<Sample> all = samples();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Checks the whole timeline: in no sample are two nodes ready, two ingest ports open, or two nodes active and
     * ready; no epoch is ever ready on two nodes; the ready epochs never go back. Throws AssertionError naming
     * the first offending sample.
     */
    public Summary check() {
        Scan scan = scan();
        if (scan.firstViolation() != null) {
            throw new AssertionError(scan.firstViolation());
        }
        return scan.summary();
    }

    /**
     * The same pass as {@link #check()}, but counting the offending samples instead of throwing at the first: for a
     * report that shows the measured number of two-active instants, not only that the check passed.
     */
    public Summary summarize() {
        return scan().summary();
    }

    private Scan scan() {
        List<Sample> all = samples();
        if (all.isEmpty()) {
            throw new AssertionError("no samples were taken");
        }
        Map<Long, Integer> nodeByEpoch = new HashMap<>();
        long newestEpoch = 0;
        long maxGap = 0;
        int handovers = 0;
        long minHandoverGap = Long.MAX_VALUE;
        int lastServing = -1;
        long lastServingAt = 0;
        int offending = 0;
        String firstViolation = null;
        long start = all.get(0).atNanos();
        for (int s = 0; s < all.size(); s++) {
            Sample sample = all.get(s);
            if (s > 0) {
                maxGap = Math.max(maxGap, sample.atNanos() - all.get(s - 1).atNanos());
            }
            String violation = null;
            if (sample.ready() > 1) {
                violation = "two nodes ready at once";
            } else if (sample.open() > 1) {
                violation = "two ingest ports open at once";
            }
            for (int i = 0; i < sample.nodes().size(); i++) {
                View view = sample.nodes().get(i);
                if (!view.active()) {
                    continue;
                }
                Integer owner = nodeByEpoch.putIfAbsent(view.epoch(), i);
                if (owner != null && owner != i) {
                    violation = violation != null ? violation : "epoch " + view.epoch() + " active on two nodes";
                } else if (view.epoch() < newestEpoch) {
                    violation = violation != null ? violation
                            : "epoch " + view.epoch() + " active after epoch " + newestEpoch;
                }
                newestEpoch = Math.max(newestEpoch, view.epoch());
            }
            if (violation != null) {
                offending++;
                if (firstViolation == null) {
                    firstViolation = violation + ", sample " + s + " at "
                            + TimeUnit.NANOSECONDS.toMillis(sample.atNanos() - start) + " ms: " + sample.nodes();
                }
            }
            int serving = sample.serving();
            if (serving >= 0) {
                if (lastServing >= 0 && serving != lastServing) {
                    handovers++;
                    minHandoverGap = Math.min(minHandoverGap, sample.atNanos() - lastServingAt);
                }
                lastServing = serving;
                lastServingAt = sample.atNanos();
            }
        }
        Summary summary = new Summary(all.size(), offending, TimeUnit.NANOSECONDS.toMillis(maxGap), handovers,
                minHandoverGap == Long.MAX_VALUE ? -1 : TimeUnit.NANOSECONDS.toMillis(minHandoverGap));
        return new Scan(summary, firstViolation);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
