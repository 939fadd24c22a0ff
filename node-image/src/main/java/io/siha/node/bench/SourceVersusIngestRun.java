package io.siha.node.bench;

import io.siha.node.demo.LocalNode;

import java.time.Duration;

/**
 * One counting app on the HA pair fed the same orders, in batches of the same size by the same number of concurrent
 * clients, first through its own {@code @source(type='http', @map(type='json'))}, then through the node's HTTP ingest
 * port: what an SI app's source costs against the node's own JSON endpoint. Each run's acknowledged events are
 * checked against what the app counted meanwhile.
 */
final class SourceVersusIngestRun {

    /**
     * @param source the app's HTTP source
     * @param ingest the node's HTTP ingest port, into the same app's stream
     */
    record Outcome(Intake source, Intake ingest) {

        /** The source's throughput as a share of the ingest port's. */
        double sourceVsIngest() {
            return source.eventsPerSecond() / ingest.eventsPerSecond();
        }
    }

    /** One way in: its throughput and its count check. */
    record Intake(double eventsPerSecond, AckedAndCounted events) {
    }

    private SourceVersusIngestRun() {
    }

    /** @param app a counting app with a source, run by {@code active} (and its passive) */
    static Outcome run(LocalNode active, CountingApp app, Duration warmUp, Duration measure)
            throws InterruptedException {
        Intake source = measure(active, app, HttpTarget.source(app), warmUp, measure);
        Intake ingest = measure(active, app, HttpTarget.ingest(active.ingestUrl(), app), warmUp, measure);
        return new Outcome(source, ingest);
    }

    private static Intake measure(LocalNode active, CountingApp app, HttpTarget target, Duration warmUp,
                                Duration measure) throws InterruptedException {
        long countedBefore = app.countedOn(active);
        HttpLoad.Outcome load = HttpLoad.run(target, warmUp, measure);
        return new Intake(load.ackedPerSecond(), new AckedAndCounted(load.acknowledged(),
                app.countedOn(active) - countedBefore));
    }
}
