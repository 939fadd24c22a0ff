package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.e2e.AsStored;
import io.siha.e2e.Manifests;
import io.siha.e2e.PrometheusOperatorCrds;
import io.siha.e2e.RepositoryFiles;
import io.siha.operator.OperatorConfig;
import io.siha.operator.SiHaOperator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Runs the real operator ({@link SiHaOperator}, configured as OperatorMain configures it, leader election included)
 * against the Fabric8 mock API server, drives it through every kind of work it does, and returns the requests it made.
 * The operator gets its own client with its own User-Agent, so the test's own requests are told apart.
 */
final class RecordedOperatorRun {

    static final String CLUSTER_NAMESPACE = "team-a";
    private static final String USER_AGENT = "si-ha-operator-under-rbac-test";
    private static final String EXAMPLE = "sihacluster-inline.yaml";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

    private final List<RecordedRequest> operatorRequests = new ArrayList<>();
    private KubernetesMockServer server;

    private RecordedOperatorRun() {
    }

    /**
     * @param config the operator's settings, as the chart's Deployment gives them
     * @param rbac   the chart's grants: JOSDK checks its Lease permissions at start (SelfSubjectRulesReview), and the
     *               mock answers that check with what the chart grants in the Lease namespace
     */
    static List<ApiRequest> record(OperatorConfig config, ChartRbac rbac, String leaseNamespace) {
        RecordedOperatorRun run = new RecordedOperatorRun();
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        run.server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        run.server.init();
        run.answerRulesReview(rbac, leaseNamespace);
        KubernetesClient operatorClient = null;
        Operator operator = null;
        try (KubernetesClient driver = run.server.createClient()) {
            registerCrd(driver);
            PrometheusOperatorCrds.registerPodMonitor(driver);
            operatorClient = new KubernetesClientBuilder()
                    .withConfig(new ConfigBuilder(driver.getConfiguration()).withUserAgent(USER_AGENT).build())
                    .build();
            operator = SiHaOperator.create(operatorClient, config, Metrics.NOOP);
            operator.start();
            run.drive(driver, config.leaderElection());
            run.collect();
        } finally {
            // SiHaOperator exits the JVM only when leadership is lost while not stopping; Operator.stop() is safe.
            if (operator != null) {
                operator.stop();
            }
            if (operatorClient != null) {
                operatorClient.close();
            }
            run.server.destroy();
        }
        return run.operatorRequests.stream()
                .flatMap(request -> ApiRequest.of(request.getMethod(), request.getPath()).stream())
                .toList();
    }

    private void drive(KubernetesClient driver, boolean leaderElection) {
        String cluster = applyExample(driver);
        PairTamperer pair = new PairTamperer(driver, CLUSTER_NAMESPACE, cluster);
        awaitStep("pods created", () -> pair.podResource(0).get() != null && pair.podResource(1).get() != null);

        // Two nodes claim active: the operator relabels the older epoch passive (pods get, patch).
        pair.runActive(0, 1);
        pair.runActive(1, 2);
        awaitStep("dual active resolved", () -> SiHaLabels.ROLE_PASSIVE.equals(
                pair.podResource(0).get().getMetadata().getLabels().get(SiHaLabels.ROLE)));

        // A failed pod is deleted and created again (pods delete, create).
        String failedUid = pair.podResource(0).get().getMetadata().getUid();
        pair.fail(0);
        awaitStep("failed pod replaced", () -> {
            var pod = pair.podResource(0).get();
            return pod != null && !pod.getMetadata().getUid().equals(failedUid);
        });

        // The load-balancer Service comes with spec.service.loadBalancer and goes with it (services create, delete).
        // Merge patches, as for the PodMonitor below: an edit sends the resourceVersion it read and meets a 409 when
        // the operator's status write comes in between, which a loaded machine makes likely.
        var loadBalancer = driver.services().inNamespace(CLUSTER_NAMESPACE).withName(cluster + "-lb");
        patchSpec(driver, cluster, "{\"service\": {\"loadBalancer\": {}}}");
        awaitStep("load-balancer Service created", () -> loadBalancer.get() != null);
        patchSpec(driver, cluster, "{\"service\": {\"loadBalancer\": null}}");
        awaitStep("load-balancer Service deleted", () -> loadBalancer.get() == null);

        // Each owned object edited by someone else is put back (update of every owned kind).
        pair.editOwnedObjects();
        awaitStep("owned objects restored", pair::ownedObjectsRestored);

        // A PodMonitor asked for is written and its informer started (podmonitors list, watch, create), an edit of it
        // put back (update), and it is deleted once no longer asked for (get, delete).
        var podMonitor = driver.resources(PodMonitor.class).inNamespace(CLUSTER_NAMESPACE).withName(cluster);
        patchSpec(driver, cluster, "{\"monitoring\": {\"podMonitor\": {\"interval\": \"30s\"}}}");
        awaitStep("PodMonitor created", () -> podMonitor.get() != null);
        podMonitor.edit(m -> {
            m.getSpec().getPodMetricsEndpoints().get(0).setInterval("5m");
            return m;
        });
        awaitStep("PodMonitor restored", () -> "30s".equals(
                podMonitor.get().getSpec().getPodMetricsEndpoints().get(0).getInterval()));
        patchSpec(driver, cluster, "{\"monitoring\": null}");
        awaitStep("PodMonitor deleted", () -> podMonitor.get() == null);

        if (leaderElection) {
            awaitStep("leader Lease renewed", () -> {
                collect();
                return operatorRequests.stream()
                        .flatMap(request -> ApiRequest.of(request.getMethod(), request.getPath()).stream())
                        .anyMatch(request -> request.resource().equals("leases")
                                && (request.verb().equals("patch") || request.verb().equals("update")));
            });
        }
    }

    /** A JSON merge patch of the spec: no resourceVersion, so the operator's status writes cannot make it conflict. */
    private static void patchSpec(KubernetesClient driver, String cluster, String specJson) {
        driver.resources(SiHaCluster.class).inNamespace(CLUSTER_NAMESPACE).withName(cluster)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": " + specJson + "}");
    }

    private static String applyExample(KubernetesClient driver) {
        try {
            String yaml = Files.readString(RepositoryFiles.examples().resolve(EXAMPLE));
            String cluster = null;
            for (HasMetadata object : Manifests.objects(yaml)) {
                object.getMetadata().setNamespace(CLUSTER_NAMESPACE);
                // What the API server would store: the mock keeps stringData as written.
                HasMetadata stored = object instanceof Secret secret ? AsStored.secret(secret) : object;
                driver.resource(stored).create();
                if ("SiHaCluster".equals(object.getKind())) {
                    cluster = object.getMetadata().getName();
                }
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The mock honours the status subresource only for a registered CRD, as notes/kubernetes-testing.md says.
    private static void registerCrd(KubernetesClient driver) {
        try (var crd = Files.newInputStream(RepositoryFiles.crd())) {
            var definitions = driver.apiextensions().v1().customResourceDefinitions();
            definitions.resource(definitions.load(crd).item()).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answerRulesReview(ChartRbac rbac, String leaseNamespace) {
        var rules = rbac.grants().stream()
                .filter(grant -> grant.namespace().map(leaseNamespace::equals).orElse(true))
                .map(grant -> new ResourceRuleBuilder().withApiGroups(grant.rule().getApiGroups())
                        .withResources(grant.rule().getResources()).withVerbs(grant.rule().getVerbs())
                        .withResourceNames(grant.rule().getResourceNames()).build())
                .toList();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .withResourceRules(rules).endStatus().build())
                .always();
    }

    /** Moves the requests the server recorded so far into {@link #operatorRequests}, keeping the operator's. */
    private void collect() {
        try {
            for (RecordedRequest request = server.takeRequest(1, TimeUnit.MILLISECONDS); request != null;
                 request = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
                String agent = request.getHeader("User-Agent");
                if (agent != null && agent.startsWith(USER_AGENT)) {
                    operatorRequests.add(request);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitStep(String step, java.util.concurrent.Callable<Boolean> done) {
        await(step).atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(done);
    }
}
