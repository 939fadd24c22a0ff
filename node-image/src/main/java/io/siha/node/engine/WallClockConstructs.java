package io.siha.node.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what in an app reads the wall clock, where a failover's replay (the same events, seconds later) could compute
 * other outputs than the first run did: time-based windows, absent patterns and time-based output rates, and
 * {@code currentTimeMillis()}, unless the app runs on event time ({@code @app:playback}); and triggers, cron windows
 * and {@code UUID()}, always. The node warns about each at start (the README's determinism table says why); nothing is
 * refused, since an app may want the wall clock and accept the difference.
 *
 * <p>It reads the app's text with its comments and string literals blanked out, not Siddhi's query objects: the
 * constructs sit in windows, selectors and nested expressions alike, and a text match finds them all with their line.
 */
public final class WallClockConstructs {

    private static final Pattern PLAYBACK = Pattern.compile("@app:playback\\b", Pattern.CASE_INSENSITIVE);
    private static final List<Construct> ON_WALL_CLOCK_UNLESS_PLAYBACK = List.of(
            new Construct("a time-based window", "#window\\.(time|timeBatch|timeLength|session|delay)\\s*\\("),
            new Construct("an absent pattern", "\\bnot\\s+\\w+(\\s*\\[[^\\]]*\\])?\\s+for\\s+\\d"),
            new Construct("a time-based output rate", "\\boutput\\s+(all\\s+|last\\s+|first\\s+|snapshot\\s+)?every"
                    + "\\s+\\d+\\s*(milli|sec|min|hour|day|week|month|year)"),
            new Construct("currentTimeMillis()", "\\bcurrentTimeMillis\\s*\\("));
    private static final List<Construct> NEVER_REPRODUCIBLE = List.of(
            new Construct("a trigger", "\\bdefine\\s+trigger\\b"),
            new Construct("a cron window", "#window\\.cron\\s*\\("),
            new Construct("UUID()", "\\bUUID\\s*\\("));

    private WallClockConstructs() {
    }

    private record Construct(String name, Pattern pattern) {
        Construct(String name, String regex) {
            this(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }
    }

    /** One warning per construct found, naming it and its line, and what to do about it. */
    public static List<String> warnings(String appText) {
        return found(appText).stream().map(Found::warning).toList();
    }

    /**
     * The first construct found, as "a time-based window at line 3": what keeps a hot standby from computing the
     * active's state (its own clock runs its windows and timers), or empty when the app runs on its events alone.
     */
    public static Optional<String> first(String appText) {
        return found(appText).stream().findFirst().map(f -> f.construct().name() + " at line " + f.line());
    }

    private record Found(Construct construct, int line, boolean onEventTimeToo) {
        String warning() {
            return onEventTimeToo
                    ? construct.name() + " at line " + line + " gives outputs a failover's replay cannot reproduce:"
                            + " they may repeat under another id, or not come again"
                    : construct.name() + " at line " + line + " runs on the wall clock: a failover's replay may"
                            + " compute other outputs than the first run; add @app:playback to run the app on"
                            + " event time";
        }
    }

    private static List<Found> found(String appText) {
        String code = blankCommentsAndStrings(appText);
        List<Found> found = new ArrayList<>();
        if (!PLAYBACK.matcher(code).find()) {
            for (Construct construct : ON_WALL_CLOCK_UNLESS_PLAYBACK) {
                lineOf(construct, code).ifPresent(line -> found.add(new Found(construct, line, false)));
            }
        }
        for (Construct construct : NEVER_REPRODUCIBLE) {
            lineOf(construct, code).ifPresent(line -> found.add(new Found(construct, line, true)));
        }
        return found;
    }

    private static Optional<Integer> lineOf(Construct construct, String code) {
        Matcher matcher = construct.pattern().matcher(code);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int line = 1;
        for (int i = 0; i < matcher.start(); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return Optional.of(line);
    }

    /** The text with comments and quoted strings replaced by spaces, line breaks kept, so lines still count. */
    static String blankCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            String end = null;
            if (text.startsWith("--", i) || text.startsWith("//", i)) {
                end = "\n";
            } else if (text.startsWith("/*", i)) {
                end = "*/";
            } else if (text.startsWith("\"\"\"", i)) {
                end = "\"\"\"";
            } else if (c == '\'' || c == '"') {
                end = String.valueOf(c);
            }
            if (end == null) {
                out.append(c);
                i++;
                continue;
            }
            int from = i;
            int close = text.indexOf(end, i + (end.equals("\n") ? 2 : Math.max(1, end.length())));
            int to = close < 0 ? text.length() : close + (end.equals("\n") ? 0 : end.length());
            for (int k = from; k < to; k++) {
                out.append(text.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = to;
        }
        return out.toString();
    }
}
