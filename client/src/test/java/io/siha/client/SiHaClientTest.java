package io.siha.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SiHaClient over the binary transport against stand-in nodes: batching, failover with the same ids, refusals. */
class SiHaClientTest {

    private static IngestFrame notActive(IngestFrame.Events e) {
        return new IngestFrame.Nack(e.requestId(), RefusalCode.NOT_ACTIVE, "node is no longer active (epoch 3 ended)");
    }

    private static List<ClientEvent> events(String prefix, int count) {
        List<ClientEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(ClientEvent.of(prefix == null ? null : prefix + i, "eu", 1L));
        }
        return events;
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the future to fail");
    }

    @Test
    void sendsAreBatchedPerStreamAndEachFutureCompletesOnItsAcknowledgement() {
        try (FakeNode node = FakeNode.acking();
             SiHaClient client = SiHaClient.builder().endpoints(node.address()).batchSize(100)
                     .linger(Duration.ofMillis(50)).build()) {
            List<CompletableFuture<Void>> acked = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                acked.add(client.send("Counter", "Orders", "order-" + i, "eu", (long) i));
            }
            acked.add(client.send("Counter", "Refunds", null, "eu"));
            CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new)).join();

            assertThat(node.received()).filteredOn(f -> f.stream().equals("Orders"))
                    .extracting(f -> f.events().size()).containsExactly(100, 100, 50);
            assertThat(node.received()).filteredOn(f -> f.stream().equals("Refunds")).singleElement()
                    .satisfies(f -> assertThat(f.events().get(0).id()).as("a generated id").isNotBlank());
            assertThat(node.receivedIds()).doesNotHaveDuplicates().hasSize(251);
            assertThat(node.received().get(0).events().get(7).value(1)).isEqualTo(7L);
        }
    }

    @Test
    void aNodeThatIsNotActiveIsLeftForTheNextEndpointWithTheSameIds() {
        List<String> acknowledgedBy = new CopyOnWriteArrayList<>();
        try (FakeNode passive = FakeNode.answering(SiHaClientTest::notActive);
             FakeNode active = FakeNode.acking();
             SiHaClient client = SiHaClient.builder().endpoints(passive.address(), active.address())
                     .listener((endpoint, events) -> acknowledgedBy.add(endpoint)).build()) {
            client.sendBatch("Counter", "Orders", events("e-", 10)).join();
            assertThat(passive.receivedIds()).isEqualTo(active.receivedIds()).hasSize(10);

            client.sendBatch("Counter", "Orders", events("f-", 10)).join();
            assertThat(passive.received()).as("the client stays with the node that acknowledged").hasSize(1);
            assertThat(acknowledgedBy).containsExactly(active.address(), active.address());
        }
    }

    @Test
    void eventsWithoutIdsGetGeneratedOnesThatEveryRetryKeeps() {
        try (FakeNode passive = FakeNode.answering(SiHaClientTest::notActive);
             FakeNode active = FakeNode.acking();
             SiHaClient client = SiHaClient.builder().endpoints(passive.address(), active.address()).build()) {
            List<CompletableFuture<Void>> acked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acked.add(client.send("Counter", "Orders", null, "eu", 1L));
            }
            acked.add(client.sendBatch("Counter", "Orders", events(null, 5)));
            CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new)).join();
            assertThat(active.receivedIds()).hasSize(10).doesNotContainNull().doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(passive.receivedIds());
        }
    }

    @Test
    void badInputAndUnknownStreamsFailAtOnceWithTheNodesReasonAndAreNotRetried() {
        for (RefusalCode code : List.of(RefusalCode.BAD_REQUEST, RefusalCode.UNKNOWN_STREAM)) {
            try (FakeNode first = FakeNode.answering(e -> new IngestFrame.Nack(e.requestId(), code,
                    "event 0: attribute 'amount' must be a whole number within 64 bits (long), got \"one\""));
                 FakeNode second = FakeNode.acking();
                 SiHaClient client = SiHaClient.builder().endpoints(first.address(), second.address()).build()) {
                Throwable failure = failureOf(client.send("Counter", "Orders", "e-1", "eu", "one"));
                assertThat(failure).isInstanceOf(RefusedException.class)
                        .hasMessage("the node refused 1 event(s) of Counter/Orders (" + code + "): event 0: "
                                + "attribute 'amount' must be a whole number within 64 bits (long), got \"one\"");
                assertThat(((RefusedException) failure).code()).isEqualTo(code);
                assertThat(first.received()).hasSize(1);
                assertThat(second.received()).as("not retried").isEmpty();
            }
        }
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneAccepted() {
        try (FakeNode node = FakeNode.requiringToken("right-token")) {
            try (SiHaClient wrong = SiHaClient.builder().endpoints(node.address()).bearerToken("wrong").build()) {
                Throwable failure = failureOf(wrong.send("Counter", "Orders", "e-1", "eu", 1L));
                assertThat(failure).isInstanceOf(RefusedException.class)
                        .hasMessageEndingWith("(UNAUTHORIZED): the bearer token is not accepted");
            }
            try (SiHaClient right = SiHaClient.builder().endpoints(node.address()).bearerToken("right-token")
                    .build()) {
                right.send("Counter", "Orders", "e-1", "eu", 1L).join();
            }
            assertThat(node.receivedIds()).containsExactly("e-1");
        }
    }

    @Test
    void whenNoEndpointAcknowledgesTheFutureFailsAfterTheRetryTimeNamingTheLastProblem() {
        FakeNode gone = FakeNode.acking();
        String address = gone.address();
        gone.close();
        try (SiHaClient client = SiHaClient.builder().endpoints(address).retryTime(Duration.ofMillis(300)).build()) {
            long start = System.nanoTime();
            Throwable failure = failureOf(client.send("Counter", "Orders", "e-1", "eu", 1L));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                    Duration.ofSeconds(5));
            assertThat(failure).isInstanceOf(NotAcknowledgedException.class)
                    .hasMessageStartingWith("no node acknowledged 1 event(s) of Counter/Orders within the retry "
                            + "time of 300 ms")
                    .hasMessageContaining("last problem: " + address + ": cannot connect")
                    .hasMessageEndingWith("send them again with the same ids and they count once");
        }
    }

    @Test
    void aNodeThatDoesNotAnswerIsGivenUpAfterTheAttemptTimeout() {
        try (FakeNode hung = FakeNode.answering(e -> null);
             FakeNode active = FakeNode.acking();
             SiHaClient client = SiHaClient.builder().endpoints(hung.address(), active.address())
                     .attemptTimeout(Duration.ofMillis(200)).build()) {
            client.sendBatch("Counter", "Orders", events("e-", 3)).join();
            assertThat(active.receivedIds()).isEqualTo(hung.receivedIds());
        }
    }

    @Test
    void batchesArePipelinedUpToTheInFlightLimit() throws Exception {
        try (FakeNode node = FakeNode.answering(e -> null);
             SiHaClient client = SiHaClient.builder().endpoints(node.address()).maxInFlight(4).build()) {
            List<CompletableFuture<Void>> acked = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                acked.add(client.sendBatch("Counter", "Orders", events("b" + i + "-", 2)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (node.received().size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            assertThat(node.received()).as("four unanswered batches on the connection, no more").hasSize(4);
            while (!acked.stream().allMatch(CompletableFuture::isDone) && System.nanoTime() < deadline) {
                node.ackHeld();
                Thread.sleep(5);
            }
            CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new)).join();
            assertThat(new HashSet<>(node.received().stream().map(IngestFrame.Events::requestId).toList()))
                    .as("one request id per frame").hasSize(10);
        }
    }

    @Test
    void invalidArgumentsThrowAtOnceAndAClosedClientTakesNothing() {
        try (FakeNode node = FakeNode.acking()) {
            SiHaClient client = SiHaClient.builder().endpoints(node.address()).build();
            assertThatThrownBy(() -> client.send("Counter", "Orders", "e", new Object()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("value 0 is a java.lang.Object");
            assertThatThrownBy(() -> client.send("", "Orders", "e", 1)).hasMessageStartingWith("app and stream");
            assertThatThrownBy(() -> client.sendBatch("Counter", "Orders", List.of(ClientEvent.of("ok", 1),
                    ClientEvent.of("big", "x".repeat(IngestCodec.MAX_FRAME_BYTES)))))
                    .hasMessageContaining("more than the").hasMessageContaining("one frame can carry");
            client.close();
            assertThatThrownBy(() -> client.send("Counter", "Orders", "e", 1)).isInstanceOf(IllegalStateException.class);
            assertThat(node.received()).as("nothing of an invalid list was sent").isEmpty();
        }
    }

    @Test
    void endpointsAndSettingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> SiHaClient.builder().build()).hasMessageStartingWith("at least one endpoint");
        assertThatThrownBy(() -> SiHaClient.builder().endpoints("localhost")).hasMessage(
                "endpoint 'localhost' is not host:port");
        assertThatThrownBy(() -> SiHaClient.builder().endpoints("host:99999")).hasMessageContaining("outside 1 to");
        assertThatThrownBy(() -> SiHaClient.builder().batchSize(0)).hasMessageStartingWith("batch size must be");
        assertThat(Endpoint.parse("[::1]:9611")).isEqualTo(new Endpoint("::1", 9611));
        assertThat(Endpoint.parse("[::1]:9611")).hasToString("[::1]:9611");
    }
}
