package io.siha.node.fuzz;

import org.opentest4j.AssertionFailedError;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a property — a check over random input — a number of times, each try with a {@link Random} of its own, so
 * that a failure can be reproduced exactly:
 *
 * <pre>{@code
 * void decodesOrRefuses() {   // a JUnit test
 *     Fuzz.tries(300, random -> checkDecodes(Draw.bytes(random, 0, 400)));
 * }
 * }</pre>
 *
 * The seed of try {@code n} (counting from 0) is derived from a base seed and {@code n} only. The base seed is drawn
 * once per test JVM and printed with every property, or set with {@code -Dsiha.fuzz.seed=<seed>}. The first failing
 * try ends the property: whatever it threw is rethrown as an {@link AssertionError} whose message starts with the base
 * seed and the try number, so running again with that seed repeats the same inputs in the same order. There is no
 * shrinking and no assumption mechanism: a property that needs input of some kind draws until it has one.
 */
public final class Fuzz {

    /** The system property that fixes the base seed, to reproduce a failure. */
    public static final String SEED_PROPERTY = "siha.fuzz.seed";
    private static final long BASE_SEED = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());

    /** A check over the input drawn from {@code random}, failing by throwing. */
    @FunctionalInterface
    public interface Property {
        void check(Random random) throws Exception;
    }

    private Fuzz() {
    }

    /**
     * Runs {@code property} {@code tries} times, each with the {@link Random} of {@link #seed(long, int)}.
     *
     * @throws AssertionError for the first try that fails, with the base seed and the try number in its message and
     *                        what the try threw as its cause
     */
    public static void tries(int tries, Property property) {
        String caller = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .orElse("?"));
        System.out.printf("fuzz: %s, %d tries, -D%s=%d%n", caller, tries, SEED_PROPERTY, BASE_SEED);
        for (int n = 0; n < tries; n++) {
            try {
                property.check(new Random(seed(BASE_SEED, n)));
            } catch (Throwable failure) {
                throw failed(String.format("try %d of %d failed; repeat it with -D%s=%d%n", n, tries, SEED_PROPERTY,
                        BASE_SEED), failure);
            }
        }
    }

    /**
     * The seed of try {@code n} under {@code base}: the two mixed (as {@link java.util.SplittableRandom} mixes), so the
     * tries' sequences are unrelated, which seeds {@code base}, {@code base + 1}, ... would not be for {@link Random}.
     */
    static long seed(long base, int n) {
        long z = base + (n + 1) * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** {@code failure} under a message that starts with {@code header}; keeps expected and actual for IDE diffs. */
    private static AssertionError failed(String header, Throwable failure) {
        String message = header + failure;
        AssertionError error = failure instanceof AssertionFailedError afe && afe.isExpectedDefined()
                && afe.isActualDefined()
                ? new AssertionFailedError(message, afe.getExpected(), afe.getActual(), failure)
                : new AssertionError(message, failure);
        error.setStackTrace(failure.getStackTrace());
        return error;
    }
}
