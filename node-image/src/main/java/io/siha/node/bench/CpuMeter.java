package io.siha.node.bench;

import io.siha.node.demo.LocalNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CPU that node processes and the whole machine used over an interval, in cores: what tells a drop in a pair's
 * throughput that is the passive's CPU taken from the active on shared cores from one that is the active's own work.
 * The machine's figure is from {@code /proc/stat} (busy over all time, times the CPUs); NaN where there is none.
 */
final class CpuMeter {

    /** @param nodeCores each watched node's cores, in the order given; NaN for one that was not running throughout */
    record Use(List<Double> nodeCores, double machineCores) {
    }

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final List<LocalNode> nodes;
    private final List<Optional<Duration>> nodeCpuAtStart;
    private final long startNanos;
    private final Optional<long[]> machineAtStart;

    private CpuMeter(List<LocalNode> nodes) {
        this.nodes = List.copyOf(nodes);
        this.nodeCpuAtStart = this.nodes.stream().map(LocalNode::cpuTime).toList();
        this.machineAtStart = machineTicks();
        this.startNanos = System.nanoTime();
    }

    static CpuMeter start(List<LocalNode> nodes) {
        return new CpuMeter(nodes);
    }

    Use stop() {
        double wallNanos = System.nanoTime() - startNanos;
        List<Double> cores = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Optional<Duration> before = nodeCpuAtStart.get(i);
            Optional<Duration> after = nodes.get(i).cpuTime();
            cores.add(before.isPresent() && after.isPresent()
                    ? after.get().minus(before.get()).toNanos() / wallNanos : Double.NaN);
        }
        Optional<long[]> machineAtEnd = machineTicks();
        double machine = Double.NaN;
        if (machineAtStart.isPresent() && machineAtEnd.isPresent()) {
            double busy = machineAtEnd.get()[0] - machineAtStart.get()[0];
            double all = machineAtEnd.get()[1] - machineAtStart.get()[1];
            machine = all > 0 ? busy / all * Runtime.getRuntime().availableProcessors() : Double.NaN;
        }
        return new Use(cores, machine);
    }

    /**
     * The machine's busy and total ticks from the first line of /proc/stat ({@code cpu user nice system idle iowait irq
     * softirq steal ...}; guest time is counted in user already): idle and iowait are the only ticks not busy.
     */
    private static Optional<long[]> machineTicks() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            long all = 0;
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                long ticks = Long.parseLong(fields[i]);
                all += ticks;
                if (i != 4 && i != 5) {
                    busy += ticks;
                }
            }
            return Optional.of(new long[] {busy, all});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
