package io.siha.node.monitoring;

import java.nio.file.Files;
import java.nio.file.Path;

/** The monitoring artifacts the chart ships (helm/si-ha-operator/files) and the README that documents them. */
public final class MonitoringFiles {

    // Surefire runs in the module directory and sets basedir; the repository root is its parent.
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Path FILES = ROOT.resolve("helm/si-ha-operator/files");

    private MonitoringFiles() {
    }

    public static Path rules() {
        return existing(FILES.resolve("prometheus-rules.yaml"));
    }

    static Path ruleTests() {
        return existing(FILES.resolve("prometheus-rules.test.yaml"));
    }

    public static Path dashboard() {
        return existing(FILES.resolve("si-ha-dashboard.json"));
    }

    static Path readme() {
        return existing(ROOT.resolve("README.md"));
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist; run the tests from the node-image directory");
        }
        return path;
    }
}
