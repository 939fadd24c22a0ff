package io.siha.node.fuzz;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Runs a call that must neither hang nor allocate without bound: on a thread of its own, failing the test when it
 * takes longer than a limit, and counting the heap bytes that thread allocated meanwhile.
 */
record MeasuredCall<T>(T result, long allocatedBytes) {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static <T> MeasuredCall<T> run(Duration limit, Supplier<T> call) {
        return assertTimeoutPreemptively(limit, () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            T result = call.get();
            return new MeasuredCall<>(result, THREADS.getCurrentThreadAllocatedBytes() - before);
        }, () -> "the call did not return within " + limit.toMillis() + " ms");
    }
}
