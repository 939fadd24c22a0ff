package io.siha.node.demo;

import java.io.PrintStream;

/** What a demo prints as it goes: one line per step, with the seconds since it started. */
final class DemoTimeline {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    DemoTimeline(PrintStream out) {
        this.out = out;
    }

    void say(String format, Object... args) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf("%6.1fs  %s%n", seconds, String.format(format, args));
    }

    /** The demo's last line, as it is (its RESULT). */
    void result(String line) {
        out.println(line);
    }
}
