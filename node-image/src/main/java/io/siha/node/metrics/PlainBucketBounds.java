package io.siha.node.metrics;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes histogram bucket bounds as plain decimals: {@code le="0.00005"}, not {@code le="5.0E-5"}. The Prometheus
 * client writes each bound with {@link Double#toString}, which turns to scientific notation below 0.001 s, and
 * Prometheus 2 keeps a label's text as it came: a query or a dashboard naming the bucket {@code le="0.0001"} would find
 * nothing (Prometheus 3 normalizes bounds on ingestion; this makes both read the same). Only {@code le} values are
 * touched; every other label and sample is left byte for byte.
 */
final class PlainBucketBounds {

    private static final Pattern SCIENTIFIC_LE = Pattern.compile("le=\"([0-9.]+E-?[0-9]+)\"");

    private PlainBucketBounds() {
    }

    static String rewrite(String exposition) {
        Matcher m = SCIENTIFIC_LE.matcher(exposition);
        if (!m.find()) {
            return exposition;
        }
        StringBuilder out = new StringBuilder(exposition.length());
        do {
            String plain = new BigDecimal(m.group(1)).stripTrailingZeros().toPlainString();
            m.appendReplacement(out, "le=\"" + plain + "\"");
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
