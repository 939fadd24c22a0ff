package io.siha.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository that the e2e tests check: the Helm chart, the examples, the checked-in CRD. */
public final class RepositoryFiles {

    // Surefire runs in the module directory and sets basedir; the repository root is its parent.
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    private RepositoryFiles() {
    }

    public static Path root() {
        return ROOT;
    }

    public static Path chart() {
        return existing(ROOT.resolve("helm/si-ha-operator"));
    }

    public static Path examples() {
        return existing(ROOT.resolve("examples"));
    }

    /** The CRD users install, generated from the model and checked in by the crds module. */
    public static Path crd() {
        return existing(ROOT.resolve("crds/sihaclusters.siha.io-v1.yml"));
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist; run the tests from the e2e module directory");
        }
        return path;
    }
}
