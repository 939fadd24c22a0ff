package io.siha.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.client.Transport;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code si-ha-node.jar demo}: the HA pair on one machine, running an app of SI's kind. Starts an embedded PostgreSQL,
 * a receiver for the app's alerts and two node processes on loopback; sends orders to the app's HTTP source (the same
 * body and Idempotency-Key again until a 200), takes the receiver down for a few seconds, kills the active with
 * SIGKILL midway, keeps sending, and checks the app's count against the acknowledged orders and the alerts that
 * arrived against those the orders must produce.
 */
public final class Demo {

    public static final String APP = "Counter";
    public static final String STREAM = "Orders";
    public static final String SAMPLE_APP = """
            @app:name('Counter')
            @app:description('Counts orders and sums their amounts; the count must equal the acknowledged events.')
            define stream Orders (region string, amount long);
            define table Totals (region string, events long, total long);

            @info(name = 'count-orders')
            from Orders
            select region, count() as events, sum(amount) as total
            group by region
            update or insert into Totals
              set Totals.events = events, Totals.total = total
              on Totals.region == region;
            """;

    /**
     * The demo's own app, an SI app's kind: orders enter through its HTTP source, it counts them, and every order of
     * an even amount becomes an alert POSTed to a receiver through its HTTP sink.
     */
    static String demoApp(String sourceUrl, String sinkUrl) {
        return countingApp("@source(type='http', receiver.url='" + sourceUrl + "', @map(type='json'))",
                httpSink(sinkUrl), "amount % 2 == 0");
    }

    /**
     * The counting app with an alert stream: every order matching {@code filter} (a Siddhi condition on
     * {@code region} and {@code amount}) is POSTed, as JSON, through an HTTP sink to {@code sinkUrl}.
     */
    public static String countingAppWithAlerts(String sinkUrl, String filter) {
        return countingApp("", httpSink(sinkUrl), filter);
    }

    /**
     * The counting app, its orders from {@code source} (an annotation, or "" for the ingest ports) and every order
     * matching {@code filter} to the stream Alerts (region string, amount long) of {@code sink}, an annotation.
     */
    static String countingApp(String source, String sink, String filter) {
        // Siddhi wants every definition before the first query.
        return SAMPLE_APP
                .replace("define stream Orders", (source.isEmpty() ? "" : source + "\n") + "define stream Orders")
                .replace("define table Totals", sink + "\ndefine stream Alerts (region string, amount long);\n"
                        + "define table Totals")
                + """

                @info(name = 'alert')
                from Orders[%s]
                select region, amount
                insert into Alerts;
                """.formatted(filter);
    }

    private static String httpSink(String url) {
        return "@sink(type='http', publisher.url='" + url + "', @map(type='json'))";
    }

    /** How long the demo takes the alerts' receiver down, once, in the first half of the run. */
    private static final Duration RECEIVER_OUTAGE = Duration.ofSeconds(3);

    /** The counting app's total: one row holding the events counted (none before the first event). */
    public static final String COUNT_QUERY = "from Totals select events";

    private final DemoOptions options;
    private final DemoTimeline timeline;

    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.timeline = new DemoTimeline(out);
    }

    /** The demo's outcome, printed as its last line once everything it started has stopped. */
    record Result(int sent, int acked, long counted, long failoverMs, OutputCheck outputs) {

        long lost() {
            return Math.max(0, acked - counted);
        }

        long duplicated() {
            return Math.max(0, counted - sent);
        }

        boolean sound() {
            return lost() == 0 && duplicated() == 0 && outputs.sound();
        }

        String line() {
            return String.format("RESULT sent=%d acked=%d counted=%d lost=%d duplicated=%d failover_ms=%d"
                            + " outputs_expected=%d outputs_received=%d outputs_lost=%d outputs_duplicated=%d"
                            + " outputs_reordered=%d", sent, acked, counted, lost(), duplicated(), failoverMs,
                    outputs.expected(), outputs.arrived(), outputs.lost(), outputs.duplicated(), outputs.reordered());
        }
    }

    /** The total in the rows of {@link #COUNT_QUERY}. */
    public static long countIn(JsonNode rows) {
        return rows.isEmpty() ? 0 : rows.get(0).get(0).asLong();
    }

    /** Runs the demo; returns the process exit code (0 when nothing acknowledged was lost or counted twice). */
    public int run() throws Exception {
        Result result = runInWorkDirectory();
        timeline.result(result.line());
        return result.sound() ? 0 : 1;
    }

    private Result runInWorkDirectory() throws Exception {
        Path work = Files.createTempDirectory("si-ha-demo");
        Path apps = Files.createDirectories(work.resolve("apps"));
        try (OutputReceiver receiver = new OutputReceiver()) {
            String sourceUrl = "http://127.0.0.1:" + LoopbackPorts.free() + "/orders";
            Files.writeString(apps.resolve("counter.siddhi"), demoApp(sourceUrl, receiver.url()));
            say("si-ha demo: %d orders into the app's HTTP source %s, alerts to %s; SIGKILL of the active after %d,"
                    + " the receiver down %d s; logs in %s", options.events(), sourceUrl, receiver.url(),
                    options.killAt(), RECEIVER_OUTAGE.toSeconds(), work);
            try (DemoPair pair = DemoPair.start(work, apps, timeline);
                 FailoverClient client = new FailoverClient(pair.nodes(), Transport.BINARY, Duration.ofSeconds(60))) {
                return sendThroughAKill(client, new SourcePoster(sourceUrl), receiver, pair.firstActive(),
                        pair.other(pair.firstActive()));
            }
        }
    }

    private Result sendThroughAKill(FailoverClient client, SourcePoster source, OutputReceiver receiver,
                                    LocalNode active, LocalNode passive) throws Exception {
        int acked = 0;
        long killNanos = 0;
        long failoverMs = -1;
        long outageEndNanos = 0;
        List<Long> expectedAlerts = new ArrayList<>();
        for (int next = 0; next < options.events(); next += options.batch()) {
            if (outageEndNanos == 0 && next >= options.killAt() / 2) {
                receiver.down();
                outageEndNanos = System.nanoTime() + RECEIVER_OUTAGE.toNanos();
                say("sent and acknowledged %d; the alerts' receiver is down for %d s (it answers 503)", acked,
                        RECEIVER_OUTAGE.toSeconds());
            }
            if (outageEndNanos > 0 && System.nanoTime() - outageEndNanos >= 0 && receiverBackUp(receiver)) {
                say("the alerts' receiver is back, after refusing %d POSTs", receiver.refused());
            }
            if (killNanos == 0 && next >= options.killAt()) {
                active.kill();
                killNanos = System.nanoTime();
                say("sent and acknowledged %d; SIGKILL %s", acked, active.id());
                active.start();
                say("restarted %s, as the kubelet would: it joins as passive", active.id());
            }
            StringBuilder body = new StringBuilder("[");
            int end = Math.min(options.events(), next + options.batch());
            for (int i = next; i < end; i++) {
                body.append(i == next ? "" : ",").append("{\"event\":{\"region\":\"eu\",\"amount\":").append(i)
                        .append("}}");
                if (i % 2 == 0) {
                    expectedAlerts.add((long) i);
                }
            }
            long ackNanos = source.post("orders-" + next, body.append(']').toString());
            acked += end - next;
            if (killNanos != 0 && failoverMs < 0) {
                failoverMs = TimeUnit.NANOSECONDS.toMillis(ackNanos - killNanos);
                say("%s acknowledged the first batch after the kill: failover took %d ms", passive.id(), failoverMs);
            }
        }
        if (receiverBackUp(receiver)) {
            say("the alerts' receiver is back, after refusing %d POSTs", receiver.refused());
        }
        say("sent and acknowledged %d orders in all", acked);
        long counted = client.counted();
        say("%s's app counted %d orders", passive.id(), counted);
        OutputCheck outputs = awaitAlerts(expectedAlerts, receiver);
        say("alerts: %d expected from the orders, %d POSTs received, %d lost, %d repeated (%d under another id),"
                        + " %d out of order", outputs.expected(), outputs.arrived(), outputs.lost(), outputs.duplicated(),
                outputs.underAnotherId(), outputs.reordered());

        Result result = new Result(options.events(), acked, counted, failoverMs, outputs);
        say(result.sound() ? "no acknowledged order was lost or counted twice, and no alert lost or out of order"
                : "MISMATCH: see the node logs");
        return result;
    }

    private boolean receiverBackUp(OutputReceiver receiver) {
        if (receiver.isDown()) {
            receiver.up();
            return true;
        }
        return false;
    }

    /** The alerts once every expected one arrived, or as they stand after 30 s. */
    private static OutputCheck awaitAlerts(List<Long> expected, OutputReceiver receiver) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        OutputCheck check = OutputCheck.of(expected, receiver.received());
        while (check.lost() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
            check = OutputCheck.of(expected, receiver.received());
        }
        return check;
    }

    private void say(String format, Object... args) {
        timeline.say(format, args);
    }
}
