package io.siha.e2e.kube;

import java.util.ArrayList;
import java.util.List;

/**
 * What one test started on the mock cluster: its pairs, deleted after it (until their pods and processes are gone),
 * and its background senders and samplers, closed before that, even when the test failed midway.
 */
final class TestScope {

    private final MockCluster kube;
    private final List<String> clusters = new ArrayList<>();
    private final List<AutoCloseable> helpers = new ArrayList<>();

    TestScope(MockCluster kube) {
        this.kube = kube;
    }

    /** Applies the sample Counter cluster {@code name} with the given heartbeat. */
    String apply(String name, long heartbeatMs) {
        clusters.add(name);
        kube.apply(kube.counterCluster(name, heartbeatMs));
        return name;
    }

    /** Counted traffic to the cluster's Service. */
    CountingTraffic traffic(String cluster) {
        return closedAfterTest(new CountingTraffic(new IngestThroughService(kube.services(), cluster), cluster));
    }

    <T extends AutoCloseable> T closedAfterTest(T helper) {
        helpers.add(helper);
        return helper;
    }

    /** Closes the helpers, then deletes the pairs. */
    void end() throws Exception {
        for (AutoCloseable helper : helpers) {
            helper.close();
        }
        helpers.clear();
        clusters.forEach(kube::deleteClusterAndAwaitPodsGone);
        clusters.clear();
    }
}
