package io.siha.kubectl.switchover;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.api.v1alpha1.SwitchoverResult;
import io.siha.api.v1alpha1.SwitchoverSpec;
import io.siha.api.v1alpha1.SwitchoverStatus;
import io.siha.kubectl.CommandFailure;
import io.siha.kubectl.cli.InvocationParser;
import io.siha.kubectl.cli.UsageException;
import io.siha.kubectl.kube.KubeConnection;
import io.siha.kubectl.logs.LogsCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The switchover's side of the request against the Fabric8 mock API server in CRUD mode, with no operator: what it
 * writes into the spec, how it reads the outcome the operator records, and what it says when it cannot start or gets
 * no outcome. The operator's side, with real nodes, is KubectlSihaOnKubernetesTest's (e2e).
 */
@EnableKubernetesMockClient(crud = true)
class SwitchoverCommandTest {

    // One server for the class (a static field): each test starts from no SiHaCluster.
    static KubernetesClient client;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void noCluster() {
        client.resources(SiHaCluster.class).delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.resources(SiHaCluster.class).list().getItems()
                .isEmpty());
    }

    @Test
    void noWaitWritesTheRequestForThePassiveWithAFreshIdAndReturns() throws Exception {
        create(status("orders-0", "orders-1"));
        assertThat(switchover("switchover", "orders", "--no-wait")).isZero();
        SwitchoverSpec first = spec();
        assertThat(first.getActivePod()).isEqualTo("orders-1");
        assertThat(first.getRequestId()).matches("kubectl-\\d{8}-\\d{6}-[0-9a-f]{4}");
        assertThat(output()).isEqualTo("Switchover of orders to orders-1 requested (spec.switchover.requestId "
                + first.getRequestId() + ").\n");

        assertThat(switchover("switchover", "orders", "--no-wait", "--to", "orders-0")).isZero();
        assertThat(spec().getActivePod()).isEqualTo("orders-0");
        assertThat(spec().getRequestId()).as("a new request each time").isNotEqualTo(first.getRequestId());
    }

    @Test
    void theOutcomeOfThisRequestIsPrintedAndAFailureExitsWithOne() throws Exception {
        create(status("orders-0", "orders-1"));
        // The operator's record, once the request is in the spec: accepted, then failed.
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
            SwitchoverSpec request = awaitRequest();
            record(request, SwitchoverResult.InProgress, "HandingOver", "asked orders-0 to hand over to orders-1");
            record(request, SwitchoverResult.Failed, "TakeoverFailed", "orders-0 took the lease back (epoch 4)");
        });
        assertThat(switchover("switchover", "orders", "--timeout", "20s")).isEqualTo(1);
        operator.get(5, TimeUnit.SECONDS);
        assertThat(output()).endsWith("""
                InProgress (HandingOver): asked orders-0 to hand over to orders-1
                Failed (TakeoverFailed): orders-0 took the lease back (epoch 4)
                """);
    }

    @Test
    void anEarlierRequestsOutcomeIsNotTakenForThisOnesAndNoOutcomeTimesOut() throws Exception {
        SiHaClusterStatus status = status("orders-0", "orders-1");
        SwitchoverStatus earlier = new SwitchoverStatus();
        earlier.setActivePod("orders-1");
        earlier.setRequestId("kubectl-20261201-120000-0000");
        earlier.setResult(SwitchoverResult.Succeeded);
        status.setLastSwitchover(earlier);
        create(status);
        assertThat(switchover("switchover", "orders", "--timeout", "1s")).isEqualTo(1);
        assertThat(output()).endsWith("No outcome within 1s (the operator has not picked the request up); the"
                + " request stays in spec.switchover and status.lastSwitchover will tell.\n");
    }

    @Test
    void aPairWithoutPassiveOrActiveOrNoPairIsAClearError() {
        create(status(null, null));
        assertThatThrownBy(() -> switchover("switchover", "orders")).isInstanceOf(CommandFailure.class)
                .hasMessage("SiHaCluster orders has no passive pod to switch to (status.passivePod is empty); name one"
                        + " with --to");
        assertThatThrownBy(() -> new LogsCommand(kube(), print()).run(InvocationParser.parse(List.of("logs",
                "orders")))).isInstanceOf(CommandFailure.class).hasMessage("SiHaCluster orders has no active pod"
                + " (status.activePod is empty); kubectl siha status orders shows why");
        assertThatThrownBy(() -> switchover("switchover", "payments")).isInstanceOf(CommandFailure.class)
                .hasMessage("SiHaCluster payments not found in namespace " + client.getNamespace());
    }

    private int switchover(String... args) throws UsageException, InterruptedException {
        return new SwitchoverCommand(kube(), print(), Clock.systemUTC()).run(InvocationParser.parse(List.of(args)));
    }

    private KubeConnection kube() {
        return new KubeConnection(client, client.getNamespace());
    }

    private PrintStream print() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SiHaClusterStatus status(String active, String passive) {
        SiHaClusterStatus status = new SiHaClusterStatus();
        status.setActivePod(active);
        status.setPassivePod(passive);
        return status;
    }

    private void create(SiHaClusterStatus status) {
        SiHaCluster cluster = new SiHaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace(client.getNamespace()).build());
        cluster.setSpec(new SiHaClusterSpec());
        cluster.setStatus(status);
        client.resource(cluster).create();
    }

    private SiHaCluster cluster() {
        return client.resources(SiHaCluster.class).withName("orders").get();
    }

    private SwitchoverSpec spec() {
        return cluster().getSpec().getSwitchover();
    }

    private SwitchoverSpec awaitRequest() {
        for (int i = 0; i < 200; i++) {
            SwitchoverSpec request = spec();
            if (request != null) {
                return request;
            }
            sleep(25);
        }
        throw new AssertionError("no request in spec.switchover");
    }

    private void record(SwitchoverSpec request, SwitchoverResult result, String reason, String message) {
        client.resources(SiHaCluster.class).withName("orders").edit(c -> {
            SwitchoverStatus s = new SwitchoverStatus();
            s.setActivePod(request.getActivePod());
            s.setRequestId(request.getRequestId());
            s.setResult(result);
            s.setReason(reason);
            s.setMessage(message);
            c.getStatus().setLastSwitchover(s);
            return c;
        });
        sleep(600); // longer than the command's poll, so that it sees each step
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
