package io.siha.node.extensions.jars;

import io.siha.node.engine.AppSource;
import io.siha.node.engine.InvalidAppException;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.extensions.NodeExtensions;
import io.siha.node.source.SourceIntake;
import io.siha.node.testing.CapturedStderr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users' extension jars, built by the test with the JDK's compiler, loaded from a directory as
 * {@code SIHA_EXTENSIONS_DIR} names it and used by an app on a real engine; and every bad jar stopping the load with a
 * message that names it.
 */
class ExtensionJarsTest {

    private static final String DOUBLING_APP = """
            @app:name('Doubling')
            define stream In (x long);
            define table Doubled (y long);
            from In select acme:twice(x) as y insert into Doubled;
            """;

    @TempDir
    Path work;

    private Path extensions() {
        return work.resolve("extensions");
    }

    @Test
    void anAppUsesAFunctionOfAUsersJarBuiltWithoutSiddhisClassIndex() throws IOException {
        Path jar = TestJars.build(work, extensions(), "acme-twice.jar", TestExtensions.TWICE, Set.of());
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("META-INF/annotations/io.siddhi.annotation.Extension"))
                    .as("no class index: found from the class files").isNull();
        }
        NodeExtensions loaded = load();
        assertThat(loaded.userExtensions()).singleElement().satisfies(extension -> {
            assertThat(extension.key()).isEqualTo("acme:twice");
            assertThat(extension.jar()).isEqualTo(jar.toAbsolutePath());
        });

        try (SiddhiEngine engine = engine(loaded, DOUBLING_APP)) {
            engine.start();
            engine.input("Doubling", "In").send(1, new Object[] {21L});
            assertThat(engine.query("Doubling", "from Doubled select y")).singleElement()
                    .satisfies(row -> assertThat(row).containsExactly(42L));
        }
    }

    @Test
    void anExtensionMayTakeItsLibraryFromAJarOfItsOwn() {
        TestJars.build(work, extensions(), "acme-helped.jar", TestExtensions.HELPED, Set.of("com.acme.lib.Helper"));
        Map<String, String> library = new HashMap<>(TestExtensions.HELPED);
        library.remove("com.acme.Helped");
        TestJars.build(work, extensions(), "acme-lib.jar", library, Set.of());

        try (CapturedStderr log = new CapturedStderr()) {
            assertThat(load().userExtensions()).extracting(UserExtension::key).containsExactly("acme:helped");
            assertThat(log.text()).contains("acme-lib.jar holds no Siddhi extension")
                    .contains("as a library only");
        }
    }

    @Test
    void aClassWhoseDependencyIsMissingNamesTheJarTheClassAndWhatIsMissing() {
        Path jar = TestJars.build(work, extensions(), "acme-helped.jar", TestExtensions.HELPED,
                Set.of("com.acme.lib.Helper"));
        assertThatThrownBy(this::load).isInstanceOf(InvalidExtensionJarException.class)
                .hasMessageContaining(jar.toString()).hasMessageContaining("com.acme.Helped")
                .hasMessageContaining("com.acme.lib.Helper").hasMessageContaining("SIHA_EXTENSIONS_DIR");
    }

    @Test
    void aCorruptJarIsNamed() throws IOException {
        TestJars.build(work, extensions(), "acme-twice.jar", TestExtensions.TWICE, Set.of());
        Path corrupt = extensions().resolve("broken.jar");
        Files.writeString(corrupt, "this is not a zip archive");
        assertThatThrownBy(this::load).isInstanceOf(InvalidExtensionJarException.class)
                .hasMessageContaining(corrupt.toString()).hasMessageContaining("not a readable jar");
    }

    @Test
    void aJarThatCannotBeReadIsNamed() throws IOException {
        Files.createDirectories(extensions());
        // A link to a jar that is gone (the process here runs as root, which reads any file whatever its mode).
        Path dangling = Files.createSymbolicLink(extensions().resolve("gone.jar"), work.resolve("missing.jar"));
        assertThatThrownBy(this::load).isInstanceOf(InvalidExtensionJarException.class)
                .hasMessageContaining(dangling.toString()).hasMessageContaining("cannot be read");
    }

    @Test
    void anExtensionUnderTheKeyOfOneOfTheNodesStopsTheEngineNamingTheJar() {
        Path jar = TestJars.build(work, extensions(), "siddhi-io-http.jar", TestExtensions.OTHER_HTTP_SINK,
                Set.of());
        NodeExtensions loaded = load();
        assertThatThrownBy(() -> engine(loaded, DOUBLING_APP.replace("acme:twice(x)", "x")))
                .isInstanceOf(InvalidExtensionJarException.class).hasMessageContaining(jar.toString())
                .hasMessageContaining("'sink:http'").hasMessageContaining("io.siha.node.engine.HttpPostSink");
    }

    @Test
    void anExtensionUnderTheKeyOfASiddhiCoreFunctionIsRefusedAtLoad() {
        Map<String, String> cast = Map.of("com.acme.Twice", TestExtensions.TWICE.get("com.acme.Twice")
                .replace("name = \"twice\", namespace = \"acme\"", "name = \"cast\""));
        Path jar = TestJars.build(work, extensions(), "acme-cast.jar", cast, Set.of());
        assertThatThrownBy(this::load).isInstanceOf(InvalidExtensionJarException.class)
                .hasMessageContaining(jar.toString()).hasMessageContaining("'cast'")
                .hasMessageContaining("node's own extension io.siddhi.core.executor.function.CastFunctionExecutor");
    }

    @Test
    void twoJarsWithOneExtensionKeyAreBothNamed() {
        Path first = TestJars.build(work, extensions(), "a-twice.jar", TestExtensions.TWICE, Set.of());
        Map<String, String> renamed = Map.of("com.other.Twice", TestExtensions.TWICE.get("com.acme.Twice")
                .replace("package com.acme;", "package com.other;"));
        Path second = TestJars.build(work, extensions(), "b-twice.jar", renamed, Set.of());
        assertThatThrownBy(this::load).isInstanceOf(InvalidExtensionJarException.class)
                .hasMessageContaining(first.toString()).hasMessageContaining(second.toString())
                .hasMessageContaining("'acme:twice'");
    }

    @Test
    void oneExtensionClassInTwoJarsIsRefused() {
        TestJars.build(work, extensions(), "acme-twice-1.0.jar", TestExtensions.TWICE, Set.of());
        Path newer = TestJars.build(work, extensions(), "acme-twice-1.1.jar", TestExtensions.TWICE, Set.of());
        assertThatThrownBy(this::load).isInstanceOf(InvalidExtensionJarException.class)
                .hasMessageContaining(newer.toString()).hasMessageContaining("com.acme.Twice")
                .hasMessageContaining("keep one");
    }

    @Test
    void anAppUsingAnExtensionNobodyHasNamesTheAppTheLineAndTheExtension() {
        TestJars.build(work, extensions(), "acme-twice.jar", TestExtensions.TWICE, Set.of());
        NodeExtensions loaded = load();
        String app = DOUBLING_APP.replace("acme:twice(x)", "acme:thrice(x)");
        assertThatThrownBy(() -> engine(loaded, app)).isInstanceOf(InvalidAppException.class)
                .hasMessageContaining("doubling.siddhi").hasMessageContaining("Doubling")
                .hasMessageContaining("Line: 4").hasMessageContaining("acme:thrice");
    }

    /**
     * Siddhi reads snapshots back through siddhi-core's class loader, so the jars must be on the system class path:
     * given the JVM's instrumentation (java -jar si-ha-node.jar, or -javaagent), a takeover restores an extension's
     * state of its own classes.
     */
    @Test
    void givenTheLaunchersInstrumentationAnExtensionsStateOfItsOwnClassesIsRestored() throws Exception {
        TestJars.build(work, extensions(), "acme-tally.jar", TestExtensions.TALLY, Set.of());
        Path agent = TestJars.agent(work.resolve("agent.jar"), LauncherAgent.class);
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-javaagent:" + agent, "-cp", System.getProperty("java.class.path"),
                SnapshotRestoreProbe.class.getName(), extensions().toString()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("seen=[1, 2, 3]").doesNotContain("was not started as java -jar");
    }

    @Test
    void withoutTheInstrumentationTheLoadSaysWhatItCosts() {
        TestJars.build(work, extensions(), "acme-tally.jar", TestExtensions.TALLY, Set.of());
        try (CapturedStderr log = new CapturedStderr()) {
            assertThat(load().userExtensions()).extracting(UserExtension::key).containsExactly("acme:tally");
            assertThat(log.text()).contains("was not started as java -jar si-ha-node.jar")
                    .contains("cannot be restored");
        }
    }

    @Test
    void anEmptyDirectoryLoadsNothing() throws IOException {
        Files.createDirectories(extensions());
        Files.writeString(extensions().resolve("README.txt"), "not a jar: ignored");
        assertThat(load().userExtensions()).isEmpty();
    }

    /** The extensions directory as the node loads it at start. */
    private NodeExtensions load() {
        return NodeExtensions.load(Optional.empty(), Optional.empty(), Optional.of(extensions()));
    }

    private static SiddhiEngine engine(NodeExtensions extensions, String app) {
        return SiddhiEngine.create(List.of(new AppSource("doubling.siddhi", app)), new OutputGate(),
                new SourceIntake(), extensions);
    }
}
