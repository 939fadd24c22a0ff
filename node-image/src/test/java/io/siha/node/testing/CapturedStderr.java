package io.siha.node.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What this JVM writes to standard error while it is open, passed on to the real stderr as well. slf4j-simple writes
 * its log lines to whatever {@code System.err} is at the time, so a test can check the lines its code logged.
 */
public final class CapturedStderr implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public CapturedStderr() {
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    }

    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    /** Writes to both streams; the capture under its own lock, as log lines come from several threads. */
    private static final class Tee extends OutputStream {

        private final OutputStream passOn;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream passOn, ByteArrayOutputStream copy) {
            this.passOn = passOn;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            passOn.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            passOn.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            passOn.flush();
        }
    }
}
