package io.siha.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Prometheus Operator's PodMonitor CRD, registered with a mock API server so that it serves the kind (API discovery
 * included), as on a cluster with kube-prometheus-stack. The file is the operator module's test resource, so one
 * definition serves both modules' tests.
 */
public final class PrometheusOperatorCrds {

    private static final Path POD_MONITOR = Path.of("operator", "src", "test", "resources",
            "podmonitors.monitoring.coreos.com.yaml");

    private PrometheusOperatorCrds() {
    }

    public static void registerPodMonitor(KubernetesClient client) {
        try (InputStream yaml = Files.newInputStream(RepositoryFiles.root().resolve(POD_MONITOR))) {
            var definitions = client.apiextensions().v1().customResourceDefinitions();
            definitions.resource(definitions.load(yaml).item()).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
