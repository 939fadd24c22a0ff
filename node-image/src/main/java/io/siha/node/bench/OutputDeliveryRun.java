package io.siha.node.bench;

import io.siha.node.demo.LocalNode;
import io.siha.node.demo.OutputCheck;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A counting app that relays every order to an HTTP sink, fed through its HTTP source by the bench's HTTP clients as
 * fast as the pair takes the orders. The sink sends one output at a time and waits for each reply, so its rate at the
 * receiver is the ceiling of one sink's output; the pair refuses input (503) whenever the sink's backlog reaches
 * 10,000, so its input rate follows. Afterwards every output the acknowledged orders must produce is checked to have
 * arrived, and the orders against the app's count.
 */
final class OutputDeliveryRun {

    /** Outputs missing once none arrived for this long are lost: the backlog left at the end still drains. */
    private static final Duration STALL = Duration.ofSeconds(10);

    /**
     * @param outputsPerSecond outputs that arrived at the receiver per second, in the measured interval
     * @param inputPerSecond   orders acknowledged per second, in the same interval
     * @param refused          input requests refused (the intake paused) and sent again
     * @param orders           the orders acknowledged against those counted
     * @param outputs          the outputs that arrived against those expected (their order is not checked: four
     *                         concurrent clients give the orders no order to expect)
     */
    record Outcome(double outputsPerSecond, double inputPerSecond, long refused, AckedAndCounted orders,
                   OutputCheck outputs) {
    }

    private OutputDeliveryRun() {
    }

    /** @param app a counting app with a source and a sink to {@code receiver}, run by {@code active} */
    static Outcome run(LocalNode active, CountingApp app, RecordingReceiver receiver, Duration warmUp,
                       Duration measure) throws InterruptedException {
        HttpLoad.Outcome load = HttpLoad.run(HttpTarget.source(app), warmUp, measure);
        double outputsPerSecond = receiver.arrivedBetween(load.measureFromNanos(), load.measureToNanos())
                / ((load.measureToNanos() - load.measureFromNanos()) / 1e9);
        List<Long> expected = LongStream.range(0, load.acknowledged()).filter(app::relays).boxed().toList();
        OutputCheck outputs = receiver.awaitAll(expected, STALL);
        return new Outcome(outputsPerSecond, load.ackedPerSecond(), load.refused(),
                new AckedAndCounted(load.acknowledged(), app.countedOn(active)), outputs);
    }
}
