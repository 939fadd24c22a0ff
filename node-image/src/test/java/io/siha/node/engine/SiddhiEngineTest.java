package io.siha.node.engine;

import io.siha.node.demo.Demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiddhiEngineTest {

    /** The demo's counting app: a table of per-region counts and sums, restored from snapshots. */
    static final String COUNTER = Demo.SAMPLE_APP;

    @Test
    void aSnapshotRestoredIntoAFreshRuntimeContinuesTheState() throws Exception {
        byte[] state;
        try (SiddhiEngine first = SiddhiEngine.create(List.of(new AppSource("counter.siddhi", COUNTER)))) {
            first.start();
            StreamInput in = first.input("Counter", "Orders");
            for (int i = 0; i < 5; i++) {
                in.send(1000 + i, new Object[] {"k", 10L});
            }
            state = first.snapshot().get("Counter");
        }
        try (SiddhiEngine second = SiddhiEngine.create(List.of(new AppSource("counter.siddhi", COUNTER)))) {
            second.start();
            second.restore(Map.of("Counter", state));
            second.input("Counter", "Orders").send(2000, new Object[] {"k", 1L});
            List<Object[]> rows = second.query("Counter", "from Totals select region, events, total");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsExactly("k", 6L, 51L);
        }
    }

    @Test
    void anAppThatDoesNotParseNamesItsFileAndSiddhisMessage() {
        AppSource bad = new AppSource("broken.siddhi", "@app:name('Broken') define stream In (a strin);");
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(bad)))
                .isInstanceOf(InvalidAppException.class)
                .hasMessageStartingWith("broken.siddhi: ");
    }

    @Test
    void aValueFromTheEnvironmentShowsAsItsVariableInTheMessageOfAnAppThatDoesNotParse() {
        // Siddhi reads a system property before the environment variable of the same name.
        System.setProperty("SIHA_TEST_KAFKA_SECRET", "kafka-secret-T5w9Qe3Lx8");
        try {
            // The missing comma before @map: Siddhi's message quotes the text near it, the key included.
            AppSource bad = new AppSource("secret.siddhi", """
                    @app:name('Secret')
                    @sink(type='kafka', topic='t', bootstrap.servers='localhost:9092',
                        optional.configuration='ssl.keystore.key:${SIHA_TEST_KAFKA_SECRET}' @map(type='json'))
                    define stream Out (a string);
                    """);
            assertThatThrownBy(() -> SiddhiEngine.create(List.of(bad))).isInstanceOf(InvalidAppException.class)
                    .hasMessageNotContaining("kafka-secret-T5w9Qe3Lx8")
                    .hasMessageContaining("${SIHA_TEST_KAFKA_SECRET}");
        } finally {
            System.clearProperty("SIHA_TEST_KAFKA_SECRET");
        }
    }

    @Test
    void aVariableThatIsNotSetStopsTheAppNamingIt() {
        AppSource unset = new AppSource("unset.siddhi", """
                @app:name('Unset')
                @sink(type='log', prefix='${SIHA_TEST_NOT_SET_ANYWHERE}')
                define stream Out (a string);
                """);
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(unset))).isInstanceOf(InvalidAppException.class)
                .hasMessageStartingWith("unset.siddhi: ").hasMessageContaining("SIHA_TEST_NOT_SET_ANYWHERE");
    }

    @Test
    void anAppWithoutANameIsRefused() {
        AppSource unnamed = new AppSource("x.siddhi", "define stream In (a string);");
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(unnamed)))
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("@app:name");
    }

    @Test
    void twoAppsWithOneNameAreRefused() {
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("a.siddhi", COUNTER),
                new AppSource("b.siddhi", COUNTER))))
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("b.siddhi")
                .hasMessageContaining("'Counter'");
    }

    @Test
    void unknownAppsAndStreamsAreNamed() {
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("counter.siddhi", COUNTER)))) {
            assertThatThrownBy(() -> engine.input("Nope", "In")).isInstanceOf(UnknownStreamException.class)
                    .hasMessageContaining("unknown app 'Nope'");
            assertThatThrownBy(() -> engine.input("Counter", "Refunds")).isInstanceOf(UnknownStreamException.class)
                    .hasMessageContaining("unknown stream 'Refunds'").hasMessageContaining("Orders");
        }
    }

    @Test
    void theAppDirectoryReadsSiddhiFilesOnlyAndRefusesAnEmptyOne(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AppDirectory.read(dir)).hasMessageContaining("no *.siddhi app");
        Files.writeString(dir.resolve("counter.siddhi"), COUNTER);
        Files.writeString(dir.resolve("notes.txt"), "not an app");
        Files.createDirectory(dir.resolve("..data"));
        assertThat(AppDirectory.read(dir)).extracting(AppSource::fileName).containsExactly("counter.siddhi");
        assertThatThrownBy(() -> AppDirectory.read(dir.resolve("missing")))
                .hasMessageContaining("does not exist");
    }
}
