package io.siha.node.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * One edit of a byte string, as a fuzzer makes them: flip a bit, cut the end off, insert or delete bytes, overwrite
 * bytes. Positions are drawn as fractions of the input's length, so one mutation applies to inputs of any length.
 * The description says what the edit does, for a look at a failing try.
 */
record ByteMutation(String description, UnaryOperator<byte[]> edit) {

    byte[] apply(byte[] input) {
        return edit.apply(input);
    }

    @Override
    public String toString() {
        return description;
    }

    /** Any single mutation. */
    static ByteMutation any(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> bitFlip(random);
            case 1 -> truncation(random);
            case 2 -> insertion(random);
            case 3 -> deletion(random);
            default -> overwrite(random);
        };
    }

    /** One to {@code max} mutations applied in turn. */
    static ByteMutation several(Random random, int max) {
        List<ByteMutation> list = Draw.list(random, 1, max, () -> any(random));
        return new ByteMutation(list.toString(), input -> {
            byte[] out = input;
            for (ByteMutation m : list) {
                out = m.apply(out);
            }
            return out;
        });
    }

    static ByteMutation bitFlip(Random random) {
        double at = position(random);
        int bit = Draw.between(random, 0, 7);
        return new ByteMutation("flip bit " + bit + " at " + at, input -> {
            if (input.length == 0) {
                return input;
            }
            byte[] out = input.clone();
            out[index(at, out.length)] ^= (byte) (1 << bit);
            return out;
        });
    }

    static ByteMutation truncation(Random random) {
        double at = position(random);
        return new ByteMutation("truncate at " + at, input -> Arrays.copyOf(input, index(at, input.length + 1)));
    }

    static ByteMutation insertion(Random random) {
        double at = position(random);
        byte[] inserted = Draw.bytes(random, 1, 16);
        return new ByteMutation("insert " + inserted.length + " bytes at " + at, input -> {
            int i = index(at, input.length + 1);
            byte[] out = new byte[input.length + inserted.length];
            System.arraycopy(input, 0, out, 0, i);
            System.arraycopy(inserted, 0, out, i, inserted.length);
            System.arraycopy(input, i, out, i + inserted.length, input.length - i);
            return out;
        });
    }

    static ByteMutation deletion(Random random) {
        double at = position(random);
        int count = Draw.between(random, 1, 16);
        return new ByteMutation("delete " + count + " bytes at " + at, input -> {
            int i = index(at, input.length + 1);
            int n = Math.min(count, input.length - i);
            byte[] out = new byte[input.length - n];
            System.arraycopy(input, 0, out, 0, i);
            System.arraycopy(input, i + n, out, i, out.length - i);
            return out;
        });
    }

    static ByteMutation overwrite(Random random) {
        double at = position(random);
        byte[] written = Draw.bytes(random, 1, 8);
        return new ByteMutation("overwrite " + written.length + " bytes at " + at, input -> {
            byte[] out = input.clone();
            int i = index(at, out.length + 1);
            for (int k = 0; k < written.length && i + k < out.length; k++) {
                out[i + k] = written[k];
            }
            return out;
        });
    }

    /** A position as a fraction of the length, 0 inclusive to 1 exclusive, in steps of 0.0001: the ends often. */
    private static double position(Random random) {
        int at = random.nextInt(8) == 0 ? Draw.of(random, 0, 1, 9_998, 9_999) : random.nextInt(10_000);
        return at / 10_000.0;
    }

    private static int index(double at, int length) {
        return (int) (at * length);
    }
}
