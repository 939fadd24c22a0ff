package io.siha.node.bench;

import io.siha.node.demo.Demo;
import io.siha.node.demo.LocalNode;
import io.siha.node.engine.AppSource;

import java.util.Optional;

/**
 * An app of SI's kind for the runs that go through HTTP and the failovers: the demo's counting logic (orders counted
 * per region into a table, the count the bench checks against the acknowledged events), fed by the app's own
 * {@code @source(type='http')} when it has a source URL, and relaying every {@code relayEvery}-th order (by its
 * amount) to an {@code @sink(type='http')} when it has a sink URL. One text for every variant, so a run that compares
 * two of them compares the same logic.
 *
 * @param name       the app's name ({@link Demo#APP} for the failovers, whose client and count query name it)
 * @param sourceUrl  the source's {@code receiver.url}, or empty: events only through the node's ingest ports
 * @param sinkUrl    the sink's {@code publisher.url}, or empty: no output
 * @param relayEvery which orders become outputs: those whose amount is a multiple of it
 */
record CountingApp(String name, Optional<String> sourceUrl, Optional<String> sinkUrl, int relayEvery) {

    static final String STREAM = Demo.STREAM;

    /** Events only through the node's ingest ports, no output. */
    static CountingApp named(String name) {
        return new CountingApp(name, Optional.empty(), Optional.empty(), 1);
    }

    CountingApp fedBy(String url) {
        return new CountingApp(name, Optional.of(url), sinkUrl, relayEvery);
    }

    CountingApp relayingTo(String url, int every) {
        return new CountingApp(name, sourceUrl, Optional.of(url), every);
    }

    /** Whether the order of {@code amount} becomes an output. */
    boolean relays(long amount) {
        return sinkUrl.isPresent() && amount % relayEvery == 0;
    }

    /** The demo's counting app under this name, with the source and the sink inserted where Siddhi wants them. */
    AppSource source() {
        String app = Demo.SAMPLE_APP.replace("@app:name('" + Demo.APP + "')", "@app:name('" + name + "')");
        if (sourceUrl.isPresent()) {
            app = insertBefore(app, "define stream Orders", "@source(type='http', receiver.url='" + sourceUrl.get()
                    + "', @map(type='json'))\n");
        }
        if (sinkUrl.isPresent()) {
            // Siddhi wants every definition before the first query.
            app = insertBefore(app, "define table Totals", "@sink(type='http', publisher.url='" + sinkUrl.get()
                    + "', @map(type='json'))\ndefine stream Relayed (region string, amount long);\n")
                    + "\n@info(name = 'relay')\nfrom Orders"
                    + (relayEvery == 1 ? "" : "[amount % " + relayEvery + " == 0]")
                    + "\nselect region, amount\ninsert into Relayed;\n";
        }
        return new AppSource(name.toLowerCase() + ".siddhi", app);
    }

    private static String insertBefore(String text, String marker, String insertion) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("the demo's counting app no longer has '" + marker + "'");
        }
        return text.substring(0, at) + insertion + text.substring(at);
    }

    /** The events the app has counted, asked of the active (the bench's orders are all of one region: one row). */
    long countedOn(LocalNode active) {
        return Demo.countIn(active.query(name, Demo.COUNT_QUERY).orElseThrow(() -> new IllegalStateException(
                active.id() + " did not answer the count query of " + name + "; see " + active.log())));
    }
}
