package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The API server of these tests: the Fabric8 mock server in CRUD mode over HTTPS, with the SiHaCluster CRD registered
 * (only then does the mock treat status as a subresource), and the client settings a node process needs to reach it.
 */
final class MockApiServer implements AutoCloseable {

    private static final String CRD_RESOURCE = "META-INF/fabric8/sihaclusters.siha.io-v1.yml";
    // The mock logs every request at INFO through java.util.logging: thousands of lines per test. Held here so the
    // level set on it is not lost to garbage collection of the logger.
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final PodSubresources dispatcher = new PodSubresources();
    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    MockApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, true);
        server.init();
        client = server.createClient();
        registerCrd();
    }

    private void registerCrd() {
        try (InputStream yaml = getClass().getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException(CRD_RESOURCE + " is not on the class path (from si-ha-crds)");
            }
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(yaml).item();
            client.resource(crd).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pod proxy and pod logs, which the mock lacks, from now on answered by {@code kubelet}. */
    void servePodSubresourcesFrom(Kubelet kubelet) {
        dispatcher.servedBy(kubelet);
    }

    /**
     * A kubeconfig for this server, as a user's for a cluster: one context, its namespace {@link #namespace()}, a
     * token (the mock checks none) and the mock's self-signed certificate trusted.
     */
    void writeKubeconfig(Path file) throws IOException {
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: e2e
                  user:
                    token: e2e
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: e2e
                    namespace: %s
                current-context: mock
                """.formatted(client.getMasterUrl(), namespace()));
    }

    /** The client of the test, the operator, the kubelet and the kube-proxy; namespace {@link #namespace()}. */
    NamespacedKubernetesClient client() {
        return client;
    }

    String namespace() {
        return client.getNamespace();
    }

    /**
     * What a pod's Fabric8 client needs to reach this server. In a cluster it finds the API server through
     * KUBERNETES_SERVICE_HOST and the mounted service-account token and CA; here it is told the URL and trusts the
     * mock's self-signed certificate, and looks for neither a kubeconfig nor a token.
     */
    Map<String, String> podClientEnvironment(String podNamespace) {
        return Map.of(
                "KUBERNETES_MASTER", client.getMasterUrl().toString(),
                "KUBERNETES_TRUST_CERTIFICATES", "true",
                "KUBERNETES_DISABLE_HOSTNAME_VERIFICATION", "true",
                "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false",
                "KUBERNETES_NAMESPACE", podNamespace);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
