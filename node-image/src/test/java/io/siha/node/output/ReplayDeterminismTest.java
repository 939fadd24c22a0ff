package io.siha.node.output;

import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siddhi.core.event.Event;
import io.siddhi.core.stream.output.StreamCallback;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README's determinism rule rests on: a takeover restores a snapshot and replays the events after it with
 * their original timestamps, later by the wall clock. An app on event time ({@code @app:playback}) computes the same
 * outputs from the replay as the uninterrupted run did; the same app on the wall clock does not, because its time
 * window expires the restored events by the time of the replay.
 */
class ReplayDeterminismTest {

    private static final String APP = """
            @app:name('Windows')
            %s
            define stream Orders (region string, amount long);
            define stream Sums (region string, total long, at long);
            from Orders#window.time(2 sec)
            select region, sum(amount) as total, currentTimeMillis() as at
            group by region
            insert into Sums;
            """;
    private static final int EVENTS = 40;
    private static final int SNAPSHOT_AFTER = 20;

    @Test
    void onEventTimeAReplayAfterAPauseComputesWhatTheUninterruptedRunDid() throws Exception {
        Comparison runs = Comparison.of(APP.formatted("@app:playback"));
        assertThat(runs.replayed()).isEqualTo(runs.uninterruptedAfterSnapshot());
    }

    @Test
    void onTheWallClockTheSameReplayComputesOtherOutputs() throws Exception {
        Comparison runs = Comparison.of(APP.formatted(""));
        assertThat(totals(runs.replayed())).isNotEqualTo(totals(runs.uninterruptedAfterSnapshot()));
    }

    /** The outputs of events 21..40, from a run without a failover and from a replay after one. */
    private record Comparison(List<String> uninterruptedAfterSnapshot, List<String> replayed) {
        static Comparison of(String app) throws Exception {
            long start = System.currentTimeMillis();
            List<String> uninterrupted;
            try (Run run = new Run(app)) {
                uninterrupted = run.feed(start, 1, EVENTS).outputs;
            }
            return new Comparison(uninterrupted.subList(SNAPSHOT_AFTER, EVENTS), replayAfterPause(app, start));
        }
    }

    /** Events 1..20, a snapshot, 2.5 s (more than the window) of failover, then a new runtime replays 21..40. */
    private static List<String> replayAfterPause(String app, long start) throws Exception {
        Run first = new Run(app).feed(start, 1, SNAPSHOT_AFTER);
        byte[] snapshot = first.runtime.snapshot();
        first.close();
        Thread.sleep(2_500);
        try (Run second = new Run(app)) {
            second.runtime.restore(snapshot);
            return second.feed(start, SNAPSHOT_AFTER + 1, EVENTS).outputs;
        }
    }

    /** The totals of outputs written {@code total@at}, without the times (which differ on the wall clock anyway). */
    private static List<String> totals(List<String> outputs) {
        return outputs.stream().map(o -> o.substring(0, o.indexOf('@'))).toList();
    }

    /** One runtime of the app, collecting its outputs as {@code total@at}. */
    private static final class Run implements AutoCloseable {
        final SiddhiManager manager = new SiddhiManager();
        final SiddhiAppRuntime runtime;
        final List<String> outputs = new ArrayList<>();

        Run(String app) {
            runtime = manager.createSiddhiAppRuntime(app);
            runtime.addCallback("Sums", new StreamCallback() {
                @Override
                public void receive(Event[] events) {
                    Arrays.stream(events).forEach(e -> outputs.add(e.getData(1) + "@" + e.getData(2)));
                }
            });
            runtime.start();
        }

        /** Orders {@code from..to}, order n of amount n at {@code start + n * 100 ms}, sent as fast as it takes them. */
        Run feed(long start, int from, int to) throws InterruptedException {
            for (int n = from; n <= to; n++) {
                runtime.getInputHandler("Orders").send(start + n * 100L, new Object[] {"eu", (long) n});
            }
            return this;
        }

        @Override
        public void close() {
            manager.shutdown();
        }
    }
}
