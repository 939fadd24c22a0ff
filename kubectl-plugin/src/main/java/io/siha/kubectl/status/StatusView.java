package io.siha.kubectl.status;

import io.siha.api.v1alpha1.SwitchoverStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code kubectl siha status} as text: a line of what the operator recorded, a table of what each pod's node
 * reports, and notes for what needs attention. A pure function of the {@link PairState}, so that every case (a node
 * that does not answer, a pair without an active) is tested without a cluster.
 */
public final class StatusView {

    private static final List<String> HEADER = List.of("POD", "ROLE", "EPOCH", "READY", "IN SYNC", "QUEUE",
            "SNAPSHOT AGE", "ACK WAIT P99", "APPLY BACKLOG", "OUTPUT BACKLOG");
    private static final String NONE = "-";
    private static final String UNKNOWN = "?";

    private StatusView() {
    }

    public static String render(PairState pair) {
        StringBuilder text = new StringBuilder();
        text.append(summary(pair)).append('\n');
        pair.lastSwitchover().ifPresent(s -> text.append(switchover(s)).append('\n'));
        text.append('\n');
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        Optional<NodeReport> active = onlyActive(pair);
        for (PodState pod : pair.pods()) {
            rows.add(row(pod, active));
        }
        text.append(table(rows));
        List<String> notes = notes(pair);
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(n -> text.append(n).append('\n'));
        }
        return text.toString();
    }

    private static String summary(PairState pair) {
        return "SiHaCluster " + pair.name() + " in " + pair.namespace() + ": " + pair.phase().orElse("no phase yet")
                + ", active " + pair.activePod().orElse("none") + ", passive " + pair.passivePod().orElse("none")
                + ", epoch " + pair.epoch().map(String::valueOf).orElse("none") + ", failovers "
                + pair.failovers().orElse(0);
    }

    private static String switchover(SwitchoverStatus s) {
        StringBuilder line = new StringBuilder("Last switchover: to ").append(s.getActivePod());
        if (s.getRequestId() != null) {
            line.append(" (request ").append(s.getRequestId()).append(')');
        }
        line.append(' ').append(s.getResult());
        if (s.getReason() != null) {
            line.append(", ").append(s.getReason());
        }
        if (s.getMessage() != null) {
            line.append(": ").append(s.getMessage());
        }
        return line.toString();
    }

    private static List<String> row(PodState pod, Optional<NodeReport> active) {
        Optional<NodeReport> report = pod.report();
        if (report.isEmpty()) {
            String role = pod.roleLabel().map(r -> r + " (label)").orElse(UNKNOWN);
            List<String> row = new ArrayList<>(List.of(pod.name(), role));
            row.addAll(Collections.nCopies(HEADER.size() - row.size(), UNKNOWN));
            return row;
        }
        NodeReport node = report.get();
        boolean passive = node.isPassive();
        return List.of(pod.name(), node.role(), String.valueOf(node.epoch()), node.ready() ? "yes" : "no",
                passive ? inSync(node, active) : NONE,
                passive ? node.queueDepth() + "/" + node.queueCapacity() : NONE,
                node.snapshotAgeMs() < 0 ? NONE : duration(node.snapshotAgeMs()),
                // A passive acknowledges nothing; what it reports is left from an earlier term, if it had one.
                passive || node.ackWaitSamples() == 0 ? NONE : micros(node.ackWaitP99Micros()),
                passive ? NONE : applyBacklog(node),
                passive ? NONE : String.valueOf(node.outputsPending()));
    }

    /** {@code ?} from a node of a version that does not report it. */
    private static String applyBacklog(NodeReport active) {
        return active.applyBacklog().isPresent() ? String.valueOf(active.applyBacklog().getAsLong()) : UNKNOWN;
    }

    /**
     * The active says whether it has a passive in sync (it is degraded when not); the passive, whether its sync
     * connection is up. Without the active's word it is not known.
     */
    private static String inSync(NodeReport passive, Optional<NodeReport> active) {
        if (active.isEmpty()) {
            return UNKNOWN;
        }
        return !active.get().degraded() && passive.peerConnected() ? "yes" : "no";
    }

    private static Optional<NodeReport> onlyActive(PairState pair) {
        List<NodeReport> actives = pair.pods().stream().flatMap(p -> p.report().stream())
                .filter(NodeReport::isActive).toList();
        return actives.size() == 1 ? Optional.of(actives.get(0)) : Optional.empty();
    }

    private static List<String> notes(PairState pair) {
        List<String> notes = new ArrayList<>();
        long actives = pair.pods().stream().flatMap(p -> p.report().stream()).filter(NodeReport::isActive).count();
        boolean allAnswered = pair.pods().stream().allMatch(p -> p.report().isPresent());
        if (pair.pods().isEmpty()) {
            notes.add("No pod of " + pair.name() + " exists.");
        } else if (actives == 0) {
            notes.add(allAnswered ? "No node is active: nothing accepts events."
                    : "No node that answered is active.");
        } else if (actives > 1) {
            notes.add("More than one node reports active.");
        }
        for (PodState pod : pair.pods()) {
            if (pod.node() instanceof NodeReading.Unreachable unreachable) {
                notes.add(pod.name() + ": unreachable, " + unreachable.reason());
            }
            pod.report().ifPresent(r -> {
                r.refusingEvents().ifPresent(why -> notes.add(pod.name() + " refuses new events: " + why));
                r.refusedSnapshot().ifPresent(why -> notes.add(pod.name() + " refused the latest snapshot: " + why));
                if (r.isActive() && r.degraded()) {
                    notes.add(pod.name() + " is degraded: no passive in sync, acknowledgements wait for snapshots.");
                }
            });
        }
        return notes;
    }

    private static String table(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row.get(c));
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    static String duration(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** A wait as the ACK WAIT P99 column shows it. */
    public static String micros(long micros) {
        return micros < 1000 ? micros + "us" : String.format(Locale.ROOT, "%.1fms", micros / 1000.0);
    }
}
