package io.siha.node.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The machine's cores from /proc/stat: a thread that spins for half a second shows as most of a core at least. */
class CpuMeterTest {

    @Test
    void aSpinningThreadShowsInTheMachinesCores() throws Exception {
        CpuMeter meter = CpuMeter.start(List.of());
        long until = System.nanoTime() + 500_000_000L;
        Thread spinner = new Thread(() -> {
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        spinner.start();
        spinner.join();
        CpuMeter.Use used = meter.stop();
        assertThat(used.nodeCores()).isEmpty();
        assertThat(used.machineCores()).as("a busy thread and whatever else ran")
                .isBetween(0.5, Runtime.getRuntime().availableProcessors() + 0.01);
    }
}
