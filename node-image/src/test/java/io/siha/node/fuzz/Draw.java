package io.siha.node.fuzz;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Plain values drawn from a {@link Random} for the fuzz tests' generators. A uniform draw would almost never hit the
 * values where code breaks, so every draw mixes them in: about one draw in eight is an edge (the bounds of a range and
 * their neighbours, 0, the extremes of the type; empty and longest arrays, arrays of all 0x00 or all 0xff), and
 * numbers are often small, of any number of bits.
 */
public final class Draw {

    private Draw() {
    }

    /** True with probability {@code p}. */
    public static boolean chance(Random random, double p) {
        return random.nextDouble() < p;
    }

    /** One of {@code values}, each as likely. */
    @SafeVarargs
    public static <T> T of(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** One of {@code values}, each as likely. */
    public static <T> T of(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Null with probability {@code p}, else what {@code value} draws. */
    public static <T> T orNull(Random random, double p, Supplier<T> value) {
        return chance(random, p) ? null : value.get();
    }

    /** {@code min} to {@code max} elements, as {@code element} draws them. */
    public static <T> List<T> list(Random random, int min, int max, Supplier<T> element) {
        int size = between(random, min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** A long from {@code min} to {@code max}, both included. */
    public static long between(Random random, long min, long max) {
        int kind = random.nextInt(8);
        if (kind == 0) {
            long edge = of(random, min, max, min == max ? min : min + 1, min == max ? max : max - 1, 0L);
            return edge < min || edge > max ? min : edge;
        }
        if (kind <= 3) {
            long small = random.nextLong() >> random.nextInt(64);
            long candidate = min <= 0 && 0 <= max ? small : min + (small & Long.MAX_VALUE);
            if (candidate >= min && candidate <= max) {
                return candidate;
            }
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min > Long.MIN_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong();
    }

    /** An int from {@code min} to {@code max}, both included. */
    public static int between(Random random, int min, int max) {
        return (int) between(random, (long) min, (long) max);
    }

    /** Any long: 0, ±1, the extremes, small ones, any. */
    public static long anyLong(Random random) {
        return between(random, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Any int: 0, ±1, the extremes, small ones, any. */
    public static int anyInt(Random random) {
        return between(random, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Any finite double: 0 and -0, ±1, the smallest and largest, small numbers, any bits that are a number. */
    public static double anyDouble(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> of(random, 0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                    Double.MAX_VALUE, -Double.MAX_VALUE);
            case 1, 2, 3 -> (random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(19) - 6);
            default -> {
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(d));
                yield d;
            }
        };
    }

    /** Any finite float, as {@link #anyDouble}. */
    public static float anyFloat(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> of(random, 0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
                    Float.MAX_VALUE, -Float.MAX_VALUE);
            case 1, 2, 3 -> (float) ((random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(13) - 6));
            default -> {
                float f;
                do {
                    f = Float.intBitsToFloat(random.nextInt());
                } while (!Float.isFinite(f));
                yield f;
            }
        };
    }

    /** An integer from {@code min} to {@code max}, both included: the bounds, 0, ±2^63 and ±2^31 edges, any size. */
    public static BigInteger between(Random random, BigInteger min, BigInteger max) {
        BigInteger drawn = switch (random.nextInt(8)) {
            case 0 -> of(random, min, max, BigInteger.ZERO, BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                    BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
                    BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE));
            default -> {
                BigInteger magnitude = new BigInteger(random.nextInt(max.abs().max(min.abs()).bitLength() + 1), random);
                yield random.nextBoolean() ? magnitude : magnitude.negate();
            }
        };
        return drawn.max(min).min(max);
    }

    /** {@code min} to {@code max} bytes: any, or all of one edge value (0x00, 0x01, 0x7f, 0x80, 0xff). */
    public static byte[] bytes(Random random, int min, int max) {
        byte[] bytes = new byte[between(random, min, max)];
        if (random.nextInt(8) == 0) {
            java.util.Arrays.fill(bytes, of(random, (byte) 0, (byte) 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff));
        } else {
            random.nextBytes(bytes);
        }
        return bytes;
    }

    /**
     * A string of {@code min} to {@code max} chars: printable ASCII, control characters, any of the Basic
     * Multilingual Plane (multi-byte in UTF-8), surrogate pairs (4 bytes in UTF-8) and, if {@code loneSurrogates},
     * surrogates without their other half (which UTF-8 cannot carry).
     */
    public static String string(Random random, int min, int max, boolean loneSurrogates) {
        int length = between(random, min, max);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> text.append((char) random.nextInt(0x20, 0x7f));
                case 5 -> text.append((char) random.nextInt(0x20));
                case 6, 7 -> text.append((char) (random.nextBoolean() ? random.nextInt(0x80, 0xd800)
                        : random.nextInt(0xe000, 0x10000)));
                case 8 -> {
                    if (text.length() + 2 <= length) {
                        text.appendCodePoint(random.nextInt(0x10000, 0x110000));
                    }
                }
                default -> {
                    if (loneSurrogates) {
                        text.append((char) random.nextInt(0xd800, 0xe000));
                    }
                }
            }
        }
        return text.toString();
    }
}
