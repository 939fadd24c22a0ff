package io.siha.node.faults;

import io.siha.node.testing.Traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak program (not a test, not run in CI): N (default 100) consecutive SIGKILL failovers of a real pair under
 * acknowledged traffic, printing lost and duplicated events, two-active instants and the failover time distribution;
 * then every other fault scenario once (the fault tests of this package, see {@link FaultSuite}); then one Markdown
 * table of all of them, with a total row ({@link ReliabilityTable}). Exits non-zero if any scenario failed or any
 * event was lost or duplicated. Run from node-image after
 * {@code mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.siha.node.faults.FailoverSoak 100}.
 */
public final class FailoverSoak {

    private FailoverSoak() {
    }

    public static void main(String[] args) {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        List<ScenarioResult> results = new ArrayList<>(sigkillRounds(kills));
        results.addAll(FaultSuite.run(System.out));
        System.out.println();
        ReliabilityTable.print(results, System.out);
        System.exit(results.stream().allMatch(ScenarioResult::passed) ? 0 : 1);
    }

    /** The N kills, with their own lines as before; a round that throws is a failed scenario, not the soak's end. */
    private static List<ScenarioResult> sigkillRounds(int kills) {
        ScenarioReports.drain();
        Optional<String> failure = Optional.empty();
        try {
            printSigkillRounds(kills);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            failure = Optional.of(ScenarioResult.describe(e));
            System.out.println("soak: the SIGKILL rounds failed: " + failure.get());
        }
        return ScenarioResult.of(kills + " SIGKILL failovers", ScenarioReports.drain(), failure);
    }

    private static void printSigkillRounds(int kills) throws Exception {
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        SigkillRounds.Result result = SigkillRounds.run("soak-" + Long.toString(System.nanoTime(), 36), kills,
                () -> {
                    int n = done.incrementAndGet();
                    if (n % 10 == 0) {
                        System.out.printf("soak: %d of %d failovers done%n", n, kills);
                    }
                });
        List<Long> times = result.failoverMillis();
        System.out.printf("soak: %d SIGKILL failovers in %d s (heartbeat 200 ms, lease 600 ms)%n", kills,
                (System.nanoTime() - started) / 1_000_000_000L);
        System.out.printf("soak: acknowledged %d, counted %d, lost %d, duplicated %d%n", result.acked(),
                result.counted(), Math.max(0, result.acked() - result.counted()),
                Math.max(0, result.counted() - result.acked()));
        System.out.printf("soak: two-active instants %d in %d samples (role timeline check passed; longest gap "
                        + "between samples %d ms, shortest handover gap %d ms)%n",
                result.timeline().twoActiveInstants(), result.timeline().samples(),
                result.timeline().maxSampleGapMs(), result.timeline().minHandoverGapMs());
        System.out.printf("soak: kill to first acknowledgement by the peer, ms: p50 %d, p90 %d, p99 %d, max %d%n",
                Traffic.percentile(times, 50), Traffic.percentile(times, 90), Traffic.percentile(times, 99),
                Traffic.percentile(times, 100));
    }
}
