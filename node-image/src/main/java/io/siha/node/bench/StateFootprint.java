package io.siha.node.bench;

import io.siha.node.engine.AppSource;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;

import java.util.List;
import java.util.Map;

/**
 * What one event of an app's state costs, measured: a length window of {@code events} trades of three attributes in a
 * runtime in this JVM, the heap in use after a full GC before and after filling it, and the size of its snapshot and
 * the time to take it (the serialization a snapshot of that state does under the ingest barrier).
 *
 * @param heapBytesPerEvent     heap per event held in the window
 * @param snapshotBytesPerEvent snapshot bytes per event held
 * @param snapshotMillis        one snapshot of the whole window, on a warm JVM
 */
record StateFootprint(int events, long heapBytesPerEvent, long snapshotBytesPerEvent, long snapshotMillis) {

    static StateFootprint of(int events) throws InterruptedException {
        AppSource app = BenchApps.lengthWindow("LengthWindow", events);
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(app))) {
            engine.start();
            StreamInput input = engine.input("LengthWindow", BenchApps.STREAM);
            long before = QueueFootprint.heapUsedAfterGc();
            for (long n = 0; n < events; n++) {
                input.send(System.currentTimeMillis(), BenchApps.trade(n));
            }
            long after = QueueFootprint.heapUsedAfterGc();
            engine.snapshot(); // the first one loads and compiles the serialization path
            long started = System.nanoTime();
            Map<String, byte[]> state = engine.snapshot();
            long snapshotMillis = (System.nanoTime() - started) / 1_000_000;
            return new StateFootprint(events, (after - before) / events, state.get("LengthWindow").length / events,
                    snapshotMillis);
        }
    }
}
