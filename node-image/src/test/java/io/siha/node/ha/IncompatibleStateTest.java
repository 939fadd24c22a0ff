package io.siha.node.ha;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.api.NodeEnv;
import io.siha.client.ClientEvent;
import io.siha.node.demo.Demo;
import io.siha.node.demo.FailoverClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.LocalPair;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A takeover by a node whose app changed so that the latest snapshot no longer fits it (the counting app's table gets
 * a column): real node processes on a real PostgreSQL, the active SIGKILLed. Siddhi itself would restore the old rows
 * into the new table without a word.
 */
class IncompatibleStateTest {

    /** The counting app with a currency column in its table: the snapshot's Totals rows do not fit it. */
    private static final String WITH_CURRENCY = Demo.SAMPLE_APP
            .replace("define table Totals (region string, events long, total long);",
                    "define table Totals (region string, events long, total long, currency string);")
            .replace("select region, count() as events, sum(amount) as total",
                    "select region, count() as events, sum(amount) as total, 'EUR' as currency")
            .replace("set Totals.events = events, Totals.total = total",
                    "set Totals.events = events, Totals.total = total, Totals.currency = currency");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void byDefaultTheTakeoverIsRefusedWithTheReasonAndTheOldAppTakesOverWithEveryEvent() throws Exception {
        try (LocalPair pair = pairWhoseSecondNodeRuns(WITH_CURRENCY, "incompatible-fail", "fail")) {
            LocalNode old = pair.nodes().get(0);
            LocalNode changed = pair.nodes().get(1);
            long sent = sendAndPersist(pair, old, changed, 0, 300);

            old.kill();

            JsonNode state = await(changed, status -> !status.path("state").path("refused").isNull(),
                    "the changed node to report the refused snapshot").path("state");
            assertThat(state.path("refused").asText()).contains("app 'Counter'")
                    .contains("table Totals was (region string, events long, total long), is (region string, events"
                            + " long, total long, currency string)")
                    .contains("spec.persistence.onIncompatibleState: StartFresh");
            assertThat(state.path("discarded").isNull()).isTrue();
            // It keeps refusing, so it never serves: two more leases and it is still passive.
            Thread.sleep(1_000);
            assertThat(changed.isReadyActive()).isFalse();
            assertThat(changed.status().orElseThrow().path("role").asText()).isEqualTo("passive");

            old.start();
            LocalNode active = LocalNode.awaitActive(List.of(old), Duration.ofSeconds(60));
            assertThat(rows(active)).as("every acknowledged event counted once").containsExactly("eu," + sent + ","
                    + sent * 7);
        }
    }

    @Test
    void withStartFreshTheChangedAppStartsEmptySaysSoAndCountsWhatComesAfter() throws Exception {
        try (LocalPair pair = pairWhoseSecondNodeRuns(WITH_CURRENCY, "incompatible-fresh", "start-fresh")) {
            LocalNode old = pair.nodes().get(0);
            LocalNode changed = pair.nodes().get(1);
            sendAndPersist(pair, old, changed, 0, 200);

            old.kill();
            LocalNode active = LocalNode.awaitActive(List.of(changed), Duration.ofSeconds(60));
            JsonNode state = active.status().orElseThrow().path("state");
            assertThat(state.path("refused").isNull()).isTrue();
            assertThat(state.path("discarded").asText()).contains("app 'Counter'").contains("table Totals was")
                    .contains("StartFresh");
            assertThat(metrics(active))
                    .containsPattern("(?m)^siha_app_state_discarded_total\\{app=\"Counter\",[^}]*} 1\\.0$");
            assertThat(rows(active)).as("the snapshot covered every event, and it was dropped").isEmpty();

            long after = send(pair.newClient(), 200, 50);
            assertThat(rows(active)).containsExactly("eu," + after + "," + after * 7 + ",EUR");
        }
    }

    @Test
    void anUnknownPolicyStopsTheNodeAtStartNamingTheVariable() throws Exception {
        try (LocalPair pair = pairWhoseSecondNodeRuns(WITH_CURRENCY, "incompatible-bad", "StartFresh")) {
            LocalNode changed = pair.nodes().get(1);
            changed.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(changed.log()).contains(NodeEnv.ON_INCOMPATIBLE_STATE)) {
                assertThat(System.nanoTime()).as("the node to refuse the setting").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(Files.readString(changed.log()))
                    .contains(NodeEnv.ON_INCOMPATIBLE_STATE + "='StartFresh' is not one of fail, start-fresh");
        }
    }

    private static LocalPair pairWhoseSecondNodeRuns(String app, String group, String policy) throws IOException {
        Path apps = Files.createTempDirectory("siha-changed-apps");
        Files.writeString(apps.resolve(LocalPair.COUNTING_APP_FILE), app);
        return LocalPair.builder(group).heartbeatMs(200).persistIntervalMs(200)
                .nodeEnv(1, NodeEnv.APPS_DIR, apps.toString())
                .nodeEnv(1, NodeEnv.ON_INCOMPATIBLE_STATE, policy).build();
    }

    /**
     * Starts the old node, sends {@code count} acknowledged events from {@code first}, then starts the changed node
     * and waits until the old one's snapshot covers every event; returns how many were acknowledged.
     */
    private static long sendAndPersist(LocalPair pair, LocalNode old, LocalNode changed, int first, int count)
            throws Exception {
        old.start();
        LocalNode.awaitActive(List.of(old), Duration.ofSeconds(60));
        long sent = send(pair.newClient(), first, count);
        changed.start();
        LocalNode.awaitActiveWithPassive(List.of(old), Duration.ofSeconds(60));
        await(old, status -> status.path("lastPersistedSeq").asLong() >= status.path("lastSeq").asLong()
                && status.path("lastSeq").asLong() > 0, "a snapshot covering every event");
        return sent;
    }

    /** Sends {@code count} events of amount 7 to region eu in batches of 10; returns how many were acknowledged. */
    private static long send(FailoverClient client, int first, int count) {
        try (client) {
            for (int n = first; n < first + count; n += 10) {
                List<ClientEvent> batch = new ArrayList<>();
                for (int i = n; i < n + 10; i++) {
                    batch.add(ClientEvent.of("order-" + i, "eu", 7L));
                }
                client.send(Demo.APP, Demo.STREAM, batch);
            }
        }
        return count;
    }

    private static List<String> rows(LocalNode active) {
        JsonNode rows = active.query(Demo.APP, "from Totals select *").orElseThrow();
        List<String> lines = new ArrayList<>();
        rows.forEach(row -> {
            List<String> values = new ArrayList<>();
            row.forEach(value -> values.add(value.asText()));
            lines.add(String.join(",", values));
        });
        return lines;
    }

    private static JsonNode await(LocalNode node, Predicate<JsonNode> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode status = node.status().orElse(null);
            if (status != null && condition.test(status)) {
                return status;
            }
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String metrics(LocalNode node) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.restUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
