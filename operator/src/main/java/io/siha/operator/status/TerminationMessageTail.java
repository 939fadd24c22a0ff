package io.siha.operator.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of a container's termination message worth a status condition: its last meaningful line, which says why
 * the container stopped, and the meaningful lines before it, at most {@link #MAX_BYTES} in all. With
 * {@code FallbackToLogsOnError} the message is the tail of the container's log (the kubelet keeps up to 2 KiB or 80
 * lines); the node's last line says why it stopped ({@code invalid Siddhi app: orders.siddhi: Error on 'Orders' @
 * Line: 2 ...}), the lines before it are mostly its start-up log. So this keeps the lines that explain (errors,
 * warnings, lines written without a log format, {@code Caused by:}) and leaves out informational log records, stack
 * frames and the JVM's "Picked up ..." notes, and strips the lines' timestamps.
 *
 * @param last   the last meaningful line, empty when there is none
 * @param before the meaningful lines before it, oldest first, as many as fit
 */
record TerminationMessageTail(String last, List<String> before) {

    /** A status condition is read in a terminal; 1 KiB holds a Siddhi error with its app, line and cause. */
    static final int MAX_BYTES = 1024;
    static final String LINE_SEPARATOR = " | ";

    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}([.,]\\d+)?(Z|[+-]\\d{2}:?\\d{2})?\\s+");
    private static final Pattern QUIET_LOG_RECORD = Pattern.compile("^(\\[[^\\]]*\\]\\s+)?(TRACE|DEBUG|INFO)\\s");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S|^\\s*\\.\\.\\. \\d+ more");
    private static final List<String> JVM_NOTES = List.of("NOTE: Picked up ", "Picked up ");

    TerminationMessageTail {
        before = List.copyOf(before);
    }

    static TerminationMessageTail of(String message) {
        if (message == null || message.isBlank()) {
            return new TerminationMessageTail("", List.of());
        }
        String[] lines = message.split("\\R");
        Deque<String> kept = new ArrayDeque<>();
        int bytes = 0;
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = meaningful(lines[i]);
            if (line.isEmpty()) {
                continue;
            }
            if (kept.isEmpty()) {
                // The last line: its start names what failed, keep that much of an overlong one.
                kept.addFirst(truncated(line));
                bytes = utf8Length(kept.getFirst());
                continue;
            }
            int added = utf8Length(line) + utf8Length(LINE_SEPARATOR);
            if (bytes + added > MAX_BYTES) {
                break;
            }
            kept.addFirst(line);
            bytes += added;
        }
        if (kept.isEmpty()) {
            // Only quiet log records: the last of them is still better than nothing.
            return new TerminationMessageTail(truncated(lastNonBlank(lines)), List.of());
        }
        String last = kept.removeLast();
        return new TerminationMessageTail(last, List.copyOf(kept));
    }

    boolean isEmpty() {
        return last.isEmpty();
    }

    /** The lines before the last one, joined; empty when there are none. */
    String context() {
        return String.join(LINE_SEPARATOR, before);
    }

    /** The line without its timestamp, or "" when it explains nothing. */
    private static String meaningful(String raw) {
        String line = TIMESTAMP.matcher(raw.stripTrailing()).replaceFirst("");
        if (line.isBlank() || STACK_FRAME.matcher(line).find() || QUIET_LOG_RECORD.matcher(line).find()
                || JVM_NOTES.stream().anyMatch(line::startsWith)) {
            return "";
        }
        return line.strip();
    }

    private static String lastNonBlank(String[] lines) {
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return TIMESTAMP.matcher(lines[i].strip()).replaceFirst("");
            }
        }
        return "";
    }

    private static String truncated(String line) {
        if (utf8Length(line) <= MAX_BYTES) {
            return line;
        }
        String ellipsis = "...";
        int end = line.length();
        while (utf8Length(line.substring(0, end)) > MAX_BYTES - ellipsis.length()) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + ellipsis;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
