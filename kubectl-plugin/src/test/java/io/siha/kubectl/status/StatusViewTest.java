package io.siha.kubectl.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siha.api.v1alpha1.SwitchoverResult;
import io.siha.api.v1alpha1.SwitchoverStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The status view from real {@code /v1/status} bodies: these two were read from the active and the passive node of
 * a pair in the e2e test (KubectlSihaOnKubernetesTest writes them to target/kube-e2e/kubectl-siha).
 */
class StatusViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIVE_JSON = resource("v1-status-active.json");
    private static final String PASSIVE_JSON = resource("v1-status-passive.json");

    @Test
    void readsTheFieldsOfARealNodeStatus() {
        NodeReport active = NodeReport.parse(ACTIVE_JSON);
        assertThat(active.role()).isEqualTo("active");
        assertThat(active.isActive()).isTrue();
        assertThat(active.epoch()).isEqualTo(1);
        assertThat(active.ready()).isTrue();
        assertThat(active.peerConnected()).isTrue();
        assertThat(active.snapshotAgeMs()).isPositive();
        // 30 events sent in 3 batches before this was read: each batch's acknowledgement timed.
        assertThat(active.ackWaitSamples()).isEqualTo(3);
        assertThat(active.ackWaitP99Micros()).isEqualTo(19_700);
        assertThat(active.applyBacklog()).as("every acknowledged event applied").hasValue(0);
        assertThat(active.refusingEvents()).isEmpty();
        NodeReport passive = NodeReport.parse(PASSIVE_JSON);
        assertThat(passive.isPassive()).isTrue();
        assertThat(passive.queueDepth()).as("events in the passive's queue").isEqualTo(20);
        assertThat(passive.queueCapacity()).isEqualTo(1_000_000);
        assertThat(passive.snapshotAgeMs()).isEqualTo(-1);
        assertThat(passive.ackWaitSamples()).isZero();
    }

    @Test
    void aBodyThatIsNotANodeStatusIsRefusedWithWhatIsMissing() {
        assertThatThrownBy(() -> NodeReport.parse("<html>503</html>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> NodeReport.parse("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> NodeReport.parse(ACTIVE_JSON.replace("\"epoch\"", "\"epoc\"")))
                .hasMessage("no field epoch in the node's status");
    }

    @Test
    void aRunningPairShowsBothNodesAndThePassiveInSync() {
        String text = StatusView.render(pair(Optional.of("orders-0"), Optional.of("orders-1"),
                pod("orders-0", "active", reported(ACTIVE_JSON)), pod("orders-1", "passive", reported(PASSIVE_JSON))));
        long snapshotAge = NodeReport.parse(ACTIVE_JSON).snapshotAgeMs();
        assertThat(text).isEqualTo("""
                SiHaCluster orders in shop: Running, active orders-0, passive orders-1, epoch 1, failovers 0

                POD       ROLE     EPOCH  READY  IN SYNC  QUEUE       SNAPSHOT AGE  ACK WAIT P99  APPLY BACKLOG  OUTPUT BACKLOG
                orders-0  active   1      yes    -        -           %-12s  19.7ms        0              0
                orders-1  passive  1      no     yes      20/1000000  -             -             -              -
                """.formatted(StatusView.duration(snapshotAge)));
    }

    @Test
    void backlogAndAnUnsyncedPassiveComeFromTheNodes() throws IOException {
        // The active's body with 7 outputs pending, 4,200 events not yet applied and no passive in sync, as a node
        // reports after the passive's sync connection dropped while a sink's receiver was down and a snapshot ran.
        ObjectNode busy = (ObjectNode) JSON.readTree(ACTIVE_JSON);
        busy.put("outputsPending", 7).put("applyBacklog", 4200).put("degraded", true);
        String text = StatusView.render(pair(Optional.of("orders-0"), Optional.of("orders-1"),
                pod("orders-0", "active", reported(busy.toString())),
                pod("orders-1", "passive", reported(PASSIVE_JSON))));
        assertThat(row(text, "orders-0")).containsExactly("orders-0", "active", "1", "yes", "-", "-",
                StatusView.duration(NodeReport.parse(ACTIVE_JSON).snapshotAgeMs()), "19.7ms", "4200", "7");
        assertThat(row(text, "orders-1")).element(4).isEqualTo("no");
        assertThat(text).contains("orders-0 is degraded: no passive in sync, acknowledgements wait for snapshots.");
    }

    @Test
    void anActiveOfAVersionWithoutTheApplyBacklogShowsItUnknown() throws IOException {
        ObjectNode older = (ObjectNode) JSON.readTree(ACTIVE_JSON);
        older.remove("applyBacklog");
        assertThat(NodeReport.parse(older.toString()).applyBacklog()).isEmpty();
        String text = StatusView.render(pair(Optional.of("orders-0"), Optional.of("orders-1"),
                pod("orders-0", "active", reported(older.toString())),
                pod("orders-1", "passive", reported(PASSIVE_JSON))));
        assertThat(row(text, "orders-0")).element(8).isEqualTo("?");
        assertThat(row(text, "orders-1")).element(8).as("a passive applies nothing for clients").isEqualTo("-");

        older.put("applyBacklog", "lots");
        assertThatThrownBy(() -> NodeReport.parse(older.toString()))
                .hasMessage("applyBacklog in the node's status is not a whole number: \"lots\"");
    }

    @Test
    void aPassiveShowsNoAckWaitLeftFromAnEarlierTerm() throws IOException {
        ObjectNode formerActive = (ObjectNode) JSON.readTree(PASSIVE_JSON);
        formerActive.set("ackWait", JSON.readTree(ACTIVE_JSON).get("ackWait"));
        String text = StatusView.render(pair(Optional.of("orders-1"), Optional.of("orders-0"),
                pod("orders-0", "passive", reported(formerActive.toString())),
                pod("orders-1", "active", reported(ACTIVE_JSON))));
        assertThat(row(text, "orders-0")).element(7).isEqualTo("-");
    }

    @Test
    void aPodWhoseNodeDoesNotAnswerIsShownUnreachable() {
        String text = StatusView.render(pair(Optional.of("orders-0"), Optional.of("orders-1"),
                pod("orders-0", "active", reported(ACTIVE_JSON)),
                pod("orders-1", "passive", new NodeReading.Unreachable("the pod proxy answered 503: error trying to"
                        + " reach service: dial tcp 10.0.0.7:9090: connect: connection refused"))));
        assertThat(row(text, "orders-1")).containsExactly("orders-1", "passive", "(label)", "?", "?", "?", "?", "?",
                "?", "?", "?");
        assertThat(text).contains("orders-1: unreachable, the pod proxy answered 503: error trying to reach service:"
                + " dial tcp 10.0.0.7:9090: connect: connection refused");
        assertThat(text).doesNotContain("No node");
    }

    @Test
    void aPairWithNoActiveSaysSo() {
        String text = StatusView.render(pair(Optional.empty(), Optional.of("orders-1"),
                pod("orders-0", null, new NodeReading.Unreachable("the API server could not be asked: timeout")),
                pod("orders-1", "passive", reported(PASSIVE_JSON))));
        assertThat(text).startsWith("SiHaCluster orders in shop: Running, active none, passive orders-1, epoch 1");
        assertThat(row(text, "orders-0")).containsExactly("orders-0", "?", "?", "?", "?", "?", "?", "?", "?", "?");
        assertThat(row(text, "orders-1")).element(4).as("in sync unknown without the active").isEqualTo("?");
        assertThat(text).contains("No node that answered is active.");

        String bothPassive = StatusView.render(pair(Optional.empty(), Optional.empty(),
                pod("orders-0", "passive", reported(PASSIVE_JSON)),
                pod("orders-1", "passive", reported(PASSIVE_JSON))));
        assertThat(bothPassive).contains("No node is active: nothing accepts events.");
        assertThat(StatusView.render(pair(Optional.empty(), Optional.empty()))).contains("No pod of orders exists.");
    }

    @Test
    void theLastSwitchoverIsShownWithItsOutcome() {
        SwitchoverStatus refused = new SwitchoverStatus();
        refused.setActivePod("orders-7");
        refused.setRequestId("kubectl-20261202-141055-a3f9");
        refused.setResult(SwitchoverResult.Refused);
        refused.setReason("UnknownPod");
        refused.setMessage("orders-7 is not a pod of the pair");
        PairState pair = new PairState("orders", "shop", Optional.of("Running"), Optional.of("orders-0"),
                Optional.of("orders-1"), Optional.of(1L), Optional.of(0), Optional.of(refused),
                List.of(pod("orders-0", "active", reported(ACTIVE_JSON))));
        assertThat(StatusView.render(pair).lines().toList().get(1)).isEqualTo("Last switchover: to orders-7 (request"
                + " kubectl-20261202-141055-a3f9) Refused, UnknownPod: orders-7 is not a pod of the pair");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(StatusView.duration(850)).isEqualTo("850ms");
        assertThat(StatusView.duration(12_340)).isEqualTo("12.3s");
        assertThat(StatusView.duration(183_000)).isEqualTo("3m03s");
        assertThat(StatusView.duration(7_500_000)).isEqualTo("2h05m");
        assertThat(StatusView.micros(420)).isEqualTo("420us");
        assertThat(StatusView.micros(12_500)).isEqualTo("12.5ms");
    }

    private static List<String> row(String text, String pod) {
        return text.lines().filter(l -> l.startsWith(pod + " ")).findFirst()
                .map(l -> List.of(l.trim().split("\\s+"))).orElseThrow(() -> new AssertionError("no row " + pod
                        + " in\n" + text));
    }

    private static PairState pair(Optional<String> active, Optional<String> passive, PodState... pods) {
        return new PairState("orders", "shop", Optional.of("Running"), active, passive, Optional.of(1L),
                Optional.of(0), Optional.empty(), List.of(pods));
    }

    private static PodState pod(String name, String roleLabel, NodeReading reading) {
        return new PodState(name, Optional.ofNullable(roleLabel), reading);
    }

    private static NodeReading reported(String json) {
        return new NodeReading.Reported(NodeReport.parse(json));
    }

    private static String resource(String name) {
        try (InputStream in = StatusViewTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
