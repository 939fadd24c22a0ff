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

/**
 * The picture of one failover: events acknowledged per 100 ms around a SIGKILL of the active, with the kill and
 * the first acknowledgement by the new active marked, so the gap shows at a glance. Drawn with java.awt
 * (headless), no charting library.
 */
final class AckTimelineChart {

    static final long BUCKET_MS = 100;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private AckTimelineChart() {
    }

    /**
     * @param acksPerBucket events acknowledged in each 100 ms bucket, bucket 0 starting at the recording's start
     * @param killMs        when the active was killed, in ms since the start
     * @param takeoverMs    when the new active acknowledged its first event, in ms since the start
     * @param title         the chart's heading
     */
    static void write(long[] acksPerBucket, long killMs, long takeoverMs, String title, Path png) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            long max = 1;
            for (long count : acksPerBucket) {
                max = Math.max(max, count);
            }
            int plotWidth = WIDTH - LEFT - RIGHT;
            int plotHeight = HEIGHT - TOP - BOTTOM;
            double barWidth = (double) plotWidth / Math.max(1, acksPerBucket.length);
            long totalMs = acksPerBucket.length * BUCKET_MS;

            g.setColor(new Color(70, 110, 180));
            for (int i = 0; i < acksPerBucket.length; i++) {
                int h = (int) Math.round((double) acksPerBucket[i] / max * plotHeight);
                g.fillRect(LEFT + (int) Math.round(i * barWidth), TOP + plotHeight - h,
                        Math.max(1, (int) Math.round(barWidth) - 1), h);
            }
            axes(g, plotWidth, plotHeight, max, totalMs);
            marker(g, killMs, totalMs, plotWidth, plotHeight, new Color(200, 40, 40), "SIGKILL of the active", 0);
            marker(g, takeoverMs, totalMs, plotWidth, plotHeight, new Color(30, 150, 60),
                    "first ack by the new active (+" + (takeoverMs - killMs) + " ms)", 18);
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

    private static void axes(Graphics2D g, int plotWidth, int plotHeight, long max, long totalMs) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        for (long ms = 0; ms <= totalMs; ms += 1_000) {
            int x = LEFT + (int) (ms * plotWidth / Math.max(1, totalMs));
            g.drawLine(x, TOP + plotHeight, x, TOP + plotHeight + 5);
            g.drawString(ms / 1_000 + " s", x - 8, TOP + plotHeight + 20);
        }
        for (int i = 0; i <= 4; i++) {
            long value = max * i / 4;
            int y = TOP + plotHeight - (int) (value * plotHeight / max);
            g.drawLine(LEFT - 5, y, LEFT, y);
            g.drawString(String.valueOf(value), 8, y + 4);
        }
        g.drawString("events acknowledged per " + BUCKET_MS + " ms", LEFT, HEIGHT - 15);
    }

    private static void marker(Graphics2D g, long atMs, long totalMs, int plotWidth, int plotHeight, Color color,
                               String label, int labelOffset) {
        int x = LEFT + (int) (atMs * plotWidth / Math.max(1, totalMs));
        g.setColor(color);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
        g.drawLine(x, TOP, x, TOP + plotHeight);
        g.setStroke(new BasicStroke());
        g.drawString(label, x + 6, TOP + 14 + labelOffset);
    }
}
