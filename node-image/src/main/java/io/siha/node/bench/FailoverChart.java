package io.siha.node.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The picture of one failover: events acknowledged per 100 ms around a SIGKILL of the active (bars, left scale), and
 * the outputs the app's sink delivered to the receiver per 100 ms (a line, right scale: the app relays only a share
 * of the events), with the kill, the first acknowledgement by the new active and the first output after the kill
 * marked, so both gaps show at a glance. Drawn with java.awt (headless), no charting library.
 */
final class FailoverChart {

    /** What is drawn: counts per {@link CountTimeline#BUCKET_MS}, bucket 0 at the chart's left edge. */
    record Series(long[] acks, long[] outputs) {
    }

    /** When each thing happened, in ms since the chart's left edge. */
    record Marks(long killMs, long takeoverMs, long firstOutputMs) {
    }

    private static final long BUCKET_MS = CountTimeline.BUCKET_MS;
    private static final Color ACKS = new Color(70, 110, 180);
    private static final Color OUTPUTS = new Color(230, 140, 20);
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 60;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    private FailoverChart() {
    }

    static void write(Series series, Marks marks, String title, Path png) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            long[] acks = series.acks();
            long acksMax = max(acks);
            long outputsMax = max(series.outputs());
            double barWidth = (double) PLOT_WIDTH / Math.max(1, acks.length);
            long totalMs = acks.length * BUCKET_MS;

            g.setColor(ACKS);
            for (int i = 0; i < acks.length; i++) {
                int top = y(acks[i], acksMax);
                g.fillRect(LEFT + (int) Math.round(i * barWidth), top, Math.max(1, (int) Math.round(barWidth) - 1),
                        TOP + PLOT_HEIGHT - top);
            }
            outputLine(g, series.outputs(), barWidth, outputsMax);
            axes(g, acksMax, outputsMax, totalMs);
            long killMs = marks.killMs();
            marker(g, killMs, totalMs, new Color(200, 40, 40), "SIGKILL of the active", 0);
            marker(g, marks.takeoverMs(), totalMs, new Color(30, 150, 60),
                    "first ack by the new active (+" + (marks.takeoverMs() - killMs) + " ms)", 18);
            marker(g, marks.firstOutputMs(), totalMs, OUTPUTS,
                    "first output after the kill (+" + (marks.firstOutputMs() - killMs) + " ms)", 36);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, 30);
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private static long max(long[] counts) {
        return Math.max(1, Arrays.stream(counts).max().orElse(0));
    }

    private static void axes(Graphics2D g, long acksMax, long outputsMax, long totalMs) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int right = LEFT + PLOT_WIDTH;
        g.drawLine(LEFT, TOP + PLOT_HEIGHT, right, TOP + PLOT_HEIGHT);
        g.drawLine(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT);
        for (long ms = 0; ms <= totalMs; ms += 1_000) {
            int x = LEFT + (int) (ms * PLOT_WIDTH / Math.max(1, totalMs));
            g.drawLine(x, TOP + PLOT_HEIGHT, x, TOP + PLOT_HEIGHT + 5);
            g.drawString(ms / 1_000 + " s", x - 8, TOP + PLOT_HEIGHT + 20);
        }
        for (int i = 0; i <= 4; i++) {
            g.setColor(Color.BLACK);
            int y = y(acksMax * i / 4, acksMax);
            g.drawLine(LEFT - 5, y, LEFT, y);
            g.drawString(String.valueOf(acksMax * i / 4), 8, y + 4);
            g.setColor(OUTPUTS);
            y = y(outputsMax * i / 4, outputsMax);
            g.drawLine(right, y, right + 5, y);
            g.drawString(String.valueOf(outputsMax * i / 4), right + 8, y + 4);
        }
        g.setColor(OUTPUTS);
        g.drawLine(right, TOP, right, TOP + PLOT_HEIGHT);
        g.fillRect(LEFT + 300, HEIGHT - 20, 16, 3);
        g.setColor(ACKS);
        g.fillRect(LEFT, HEIGHT - 25, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("events acknowledged per " + BUCKET_MS + " ms (left)", LEFT + 18, HEIGHT - 15);
        g.drawString("outputs received from the app's HTTP sink per " + BUCKET_MS + " ms (right)", LEFT + 322,
                HEIGHT - 15);
    }

    /** The outputs as a line through the middle of each bucket, over the bars. */
    private static void outputLine(Graphics2D g, long[] outputsPerBucket, double barWidth, long max) {
        g.setColor(OUTPUTS);
        g.setStroke(new BasicStroke(2f));
        for (int i = 1; i < outputsPerBucket.length; i++) {
            g.drawLine(LEFT + (int) Math.round((i - 0.5) * barWidth), y(outputsPerBucket[i - 1], max),
                    LEFT + (int) Math.round((i + 0.5) * barWidth), y(outputsPerBucket[i], max));
        }
        g.setStroke(new BasicStroke());
    }

    /** The height of {@code count} on a scale whose top is {@code max}. */
    private static int y(long count, long max) {
        return TOP + PLOT_HEIGHT - (int) Math.round((double) count / max * PLOT_HEIGHT);
    }

    private static void marker(Graphics2D g, long atMs, long totalMs, Color color, String label, int labelOffset) {
        int x = LEFT + (int) (atMs * PLOT_WIDTH / Math.max(1, totalMs));
        g.setColor(color);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
        g.drawLine(x, TOP, x, TOP + PLOT_HEIGHT);
        g.setStroke(new BasicStroke());
        int width = g.getFontMetrics().stringWidth(label);
        // Left of the line when it would run off the chart: a late takeover's marks are near the right edge.
        g.drawString(label, x + 6 + width > WIDTH ? x - 6 - width : x + 6, TOP + 14 + labelOffset);
    }
}
