package io.siha.node.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks for secret values in what a system wrote (logs, replies, status objects): each value as is and in the simple
 * encodings a careless line would use: base64 (standard and URL-safe, at each of the three alignments the value can
 * have inside a longer encoded text), hex, and URL encoding. Collects every finding, so one failure names them all.
 */
public final class SecretLeakScanner {

    /** name of the encoding, e.g. "base64", to the text to look for */
    private final Map<String, Map<String, String>> needlesBySecret = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();
    private long scannedChars;

    /** @param secrets what each secret is (for the findings) to its value; values of 8 characters or more */
    public SecretLeakScanner(Map<String, String> secrets) {
        secrets.forEach((name, value) -> {
            if (value.length() < 8) {
                throw new IllegalArgumentException(name + " is too short to search for without false alarms");
            }
            needlesBySecret.put(name, needles(value));
        });
    }

    /** Looks for every secret in {@code text}, which came from {@code where}. */
    public void scan(String where, String text) {
        scannedChars += text.length();
        needlesBySecret.forEach((secret, needles) -> needles.forEach((encoding, needle) -> {
            int at = text.indexOf(needle);
            if (at >= 0) {
                findings.add(secret + " (" + encoding + ") in " + where + " at " + at + ": ..."
                        + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + needle.length() + 20))
                        + "...");
            }
        }));
    }

    public List<String> findings() {
        return List.copyOf(findings);
    }

    /** How much text was searched: a scan of nothing finds nothing, so tests check this too. */
    public long scannedChars() {
        return scannedChars;
    }

    private static Map<String, String> needles(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Map<String, String> needles = new LinkedHashMap<>();
        needles.put("as is", value);
        needles.put("URL-encoded", URLEncoder.encode(value, StandardCharsets.UTF_8));
        needles.put("hex", HexFormat.of().formatHex(bytes));
        needles.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
        // Inside a longer base64 text the value starts at some offset; from the first byte at a multiple of three,
        // its whole 3-byte groups encode the same whatever surrounds them.
        for (int skip = 0; skip < 3; skip++) {
            int groups = (bytes.length - skip) / 3;
            byte[] aligned = java.util.Arrays.copyOfRange(bytes, skip, skip + 3 * groups);
            needles.put("base64, offset " + skip, Base64.getEncoder().withoutPadding().encodeToString(aligned));
            needles.put("base64url, offset " + skip, Base64.getUrlEncoder().withoutPadding().encodeToString(aligned));
        }
        return needles;
    }
}
