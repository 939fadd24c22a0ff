package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * "Kubernetes" for the end-to-end tests: the mock API server, the real operator, a kubelet and garbage collector
 * played by this test, a kube-proxy view of Services, and a real PostgreSQL for the pairs. One per test class;
 * {@link #close()} stops every node process, the operator, the API server and the database.
 */
final class MockCluster implements AutoCloseable {

    private final Path workDirectory;
    private final ClusterDatabase database;
    private final MockApiServer apiServer;
    private final InProcessOperator operator;
    private final Kubelet kubelet;
    private final GarbageCollector garbageCollector;
    private final ServiceResolver serviceResolver;

    MockCluster(String testName) throws Exception {
        workDirectory = Files.createDirectories(Path.of("target", "kube-e2e",
                testName + "-" + System.currentTimeMillis()));
        database = new ClusterDatabase(workDirectory.resolve("pgdata"));
        MockApiServer api = null;
        InProcessOperator startedOperator = null;
        try {
            api = new MockApiServer();
            api.client().resource(SampleClusters.passwordSecret(api.namespace(), ClusterDatabase.PASSWORD)).create();
            startedOperator = new InProcessOperator(api.client());
            kubelet = new Kubelet(api.client(), api.namespace(), api.podClientEnvironment(api.namespace()),
                    workDirectory);
            api.servePodSubresourcesFrom(kubelet);
        } catch (RuntimeException e) {
            // Half started: stop what runs, or the database and the operator outlive the failed test class.
            if (startedOperator != null) {
                startedOperator.close();
            }
            if (api != null) {
                api.close();
            }
            database.close();
            throw e;
        }
        apiServer = api;
        operator = startedOperator;
        garbageCollector = new GarbageCollector(client(), namespace());
        serviceResolver = new ServiceResolver(client(), namespace());
    }

    /** {@code host:port} of the operator's health server, which serves its /metrics. */
    String operatorHealthAddress() {
        return operator.healthAddress();
    }

    /** Writes a kubeconfig for this cluster's API server into {@code file}, as a user of a cluster has one. */
    void writeKubeconfig(Path file) throws IOException {
        apiServer.writeKubeconfig(file);
    }

    KubernetesClient client() {
        return apiServer.client();
    }

    String namespace() {
        return apiServer.namespace();
    }

    Kubelet kubelet() {
        return kubelet;
    }

    ServiceResolver services() {
        return serviceResolver;
    }

    GarbageCollector garbageCollector() {
        return garbageCollector;
    }

    /** The sample Counter cluster, ready to apply. */
    SiHaCluster counterCluster(String name, long heartbeatMs) {
        return SampleClusters.counter(name, namespace(), database.jdbcUrl(), ClusterDatabase.USER, heartbeatMs);
    }

    SiHaCluster apply(SiHaCluster cluster) {
        return client().resource(cluster).create();
    }

    Optional<SiHaCluster> cluster(String name) {
        return Optional.ofNullable(client().resources(SiHaCluster.class).inNamespace(namespace()).withName(name).get());
    }

    /** Edits the spec as a user would, again on a 409 (the operator's status writes change the resourceVersion). */
    void editSpec(String name, Consumer<SiHaCluster> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client().resources(SiHaCluster.class).inNamespace(namespace()).withName(name).edit(c -> {
                    change.accept(c);
                    return c;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    void deleteCluster(String name) {
        client().resources(SiHaCluster.class).inNamespace(namespace()).withName(name).delete();
    }

    Optional<Pod> pod(String name) {
        return Optional.ofNullable(client().pods().inNamespace(namespace()).withName(name).get());
    }

    void deletePod(String name) {
        client().pods().inNamespace(namespace()).withName(name).delete();
    }

    List<Pod> podsOf(String clusterName) {
        return client().pods().inNamespace(namespace()).withLabel(SiHaLabels.CLUSTER, clusterName).list().getItems();
    }

    /** Events recorded on the cluster, oldest first. */
    List<Event> events(String clusterName) {
        return client().v1().events().inNamespace(namespace()).list().getItems().stream()
                .filter(e -> clusterName.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(Event::getFirstTimestamp))
                .toList();
    }

    /** Deletes the cluster if it is still there and waits until the garbage collector and kubelet removed its pods. */
    void deleteClusterAndAwaitPodsGone(String name) {
        deleteCluster(name);
        await("pods of " + name + " gone").atMost(Duration.ofSeconds(60)).until(() -> podsOf(name).isEmpty());
        await("processes of " + name + " exited").atMost(Duration.ofSeconds(30)).until(kubelet::noProcessLeft);
    }

    /** Where the pods' logs are, for failure messages. */
    Path workDirectory() {
        return workDirectory;
    }

    @Override
    public void close() {
        // The operator first, so that it does not recreate the pods the kubelet is stopping.
        try (database; apiServer; garbageCollector; kubelet; operator) {
            // closed in reverse order of the list
        }
    }
}
