package io.siha.node.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Request bodies for the ingest fuzz tests, as UTF-8 bytes: valid events of the demo's {@code Orders} stream
 * ({@code region string, amount long}), and JSON of any shape around the same keys, with wrong types, numbers far
 * beyond 64 bits, deep nesting and invalid UTF-8.
 */
final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys a body may use: the stream's attributes, the special keys, and some the stream does not have. */
    private static final List<String> KEYS = List.of("region", "amount", "$id", "$timestamp", "price", "", "$");
    /** Scalar JSON at the edges: of the number types, past them, lone and paired surrogate escapes. */
    private static final List<String> SCALARS = List.of("null", "true", "false", "0", "-0", "1.5", "-1", "1e400",
            "-1e400", "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648",
            "\"\\ud800\"", "\"x\\udc00\"", "\"\\ud83d\\ude00\"");
    /** Byte sequences that are not UTF-8: bytes no UTF-8 has, a lone continuation, cut sequences, a surrogate. */
    private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xfe},
            new byte[] {(byte) 0x80}, new byte[] {(byte) 0xc3, '('}, new byte[] {(byte) 0xe2, (byte) 0x82},
            new byte[] {(byte) 0xf0, (byte) 0x9f, '('}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});

    private JsonBodies() {
    }

    /** One valid event of the Orders stream, as a map in insertion order. */
    static Map<String, Object> validEvent(Random random) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("region", text(random, 0, 20));
        event.put("amount", Draw.anyLong(random));
        String id = Draw.orNull(random, 0.5, () -> text(random, 1, 60));
        if (id != null) {
            event.put("$id", id);
        }
        Long timestamp = Draw.orNull(random, 0.7, () -> Draw.between(random, 0, Long.MAX_VALUE));
        if (timestamp != null) {
            event.put("$timestamp", timestamp);
        }
        return event;
    }

    /** A valid body: one event, or an array of 1 to 20. The number of events is what a 200 acknowledges. */
    static ValidBody validBody(Random random) {
        if (random.nextBoolean()) {
            return new ValidBody(write(validEvent(random)), 1);
        }
        List<Map<String, Object>> events = Draw.list(random, 1, 20, () -> validEvent(random));
        return new ValidBody(write(events), events.size());
    }

    record ValidBody(byte[] bytes, int events) {
    }

    /** A valid body with one to three byte mutations. */
    static byte[] mutatedBody(Random random) {
        byte[] body = validBody(random).bytes();
        return ByteMutation.several(random, 3).apply(body);
    }

    /**
     * JSON text of any shape: a scalar, or arrays and objects over the stream's keys nested 1 to 4 deep, with values
     * of every kind at the innermost level.
     */
    static byte[] anyJson(Random random) {
        return json(random, random.nextInt(5)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A valid event wrapped in 2 to 5,000 arrays or objects (one array is a batch, so at least two): past the parser's
     * depth limit of 1,000 too, and right at it.
     */
    static byte[] deeplyNested(Random random) {
        int depth = random.nextInt(4) == 0 ? Draw.of(random, 2, 3, 999, 1_000, 1_001, 4_999, 5_000)
                : Draw.between(random, 2, 5_000);
        String opening = Draw.of(random, "[", "{\"region\":");
        String closing = opening.equals("[") ? "]" : "}";
        return (opening.repeat(depth) + new String(write(validEvent(random)), StandardCharsets.UTF_8)
                + closing.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    /** A valid body with a byte sequence that is not UTF-8 put into one of its string values. */
    static byte[] invalidUtf8(Random random) {
        byte[] valid = write(validEvent(random));
        byte[] bytes = Draw.of(random, INVALID_UTF8);
        int quote = new String(valid, StandardCharsets.ISO_8859_1).indexOf("\"region\":\"") + 10;
        byte[] out = new byte[valid.length + bytes.length];
        System.arraycopy(valid, 0, out, 0, quote);
        System.arraycopy(bytes, 0, out, quote, bytes.length);
        System.arraycopy(valid, quote, out, quote + bytes.length, valid.length - quote);
        return out;
    }

    /** JSON nested {@code depth} containers deep, every value at the innermost level a scalar. */
    private static String json(Random random, int depth) {
        return depth == 0 ? scalar(random) : container(random, () -> json(random, depth - 1));
    }

    /** Scalars around the edges of JSON and of Java's number types, and any long, double, huge integer or text. */
    static String scalar(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Draw.of(random, SCALARS);
            case 1 -> String.valueOf(Draw.anyLong(random));
            case 2 -> String.valueOf(Draw.anyDouble(random));
            case 3 -> BigInteger.TEN.pow(Draw.between(random, 20, 1_500)).toString();
            default -> quoted(text(random, 0, 30));
        };
    }

    /** An array or an object of up to 5 elements, each drawn by {@code element}. */
    private static String container(Random random, Supplier<String> element) {
        if (random.nextBoolean()) {
            return "[" + String.join(",", Draw.list(random, 0, 5, element)) + "]";
        }
        return Draw.list(random, 0, 5, () -> {
            String key = random.nextBoolean() ? Draw.of(random, KEYS) : text(random, 1, 10);
            return quoted(key) + ":" + element.get();
        }).stream().collect(Collectors.joining(",", "{", "}"));
    }

    /** Text without lone surrogates (which UTF-8 cannot carry), multi-byte characters included. */
    static String text(Random random, int min, int max) {
        return Draw.string(random, min, max, false);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
