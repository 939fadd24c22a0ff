package io.siha.e2e.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.siha.e2e.RepositoryFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import java.util.Map;

/** The si-ha-operator chart of this repository, driven through helm-java (the helm library, no helm binary). */
final class ChartUnderTest {

    static final String RELEASE = "si-ha";
    static final String RELEASE_NAMESPACE = "si-ha-system";
    /** The release name is not the chart name, so object names are RELEASE-si-ha-operator. */
    static final String FULL_NAME = RELEASE + "-si-ha-operator";

    private ChartUnderTest() {
    }

    static RenderedChart render() {
        return render(Map.of());
    }

    /** {@code helm template} with {@code --set key=value} for each entry (keys such as {@code image.tag}). */
    static RenderedChart render(Map<String, String> values) {
        var template = helm().template().withName(RELEASE).withNamespace(RELEASE_NAMESPACE);
        values.forEach(template::set);
        return RenderedChart.parse(template.call());
    }

    /** {@code helm lint --strict} with the default values (helm-java's lint takes no --set). */
    static LintResult lintStrict() {
        return helm().lint().strict().call();
    }

    /** {@code helm show crds}: the CRDs helm install applies, read from the chart as helm packages it. */
    static String crds() {
        return helm().show().crds().call();
    }

    /**
     * The NOTES.txt a user reads after {@code helm install}, rendered by helm's own engine with {@code values}.
     * {@code helm template} leaves NOTES.txt out and a dry-run install needs an API server, so a copy of the chart
     * turns the file into a named template and renders it into a ConfigMap.
     */
    static String installNotes(Map<String, String> values) {
        try {
            Path copy = Files.createTempDirectory("chart-notes").resolve("si-ha-operator");
            copyTree(RepositoryFiles.chart(), copy);
            Path notes = copy.resolve("templates/NOTES.txt");
            Files.writeString(copy.resolve("templates/_notes-under-test.tpl"),
                    "{{- define \"notes-under-test\" -}}\n" + Files.readString(notes) + "{{- end -}}\n");
            Files.delete(notes);
            Files.writeString(copy.resolve("templates/notes-under-test.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: notes-under-test
                    data:
                      notes: {{ include "notes-under-test" . | toJson }}
                    """);
            var template = new Helm(copy).template().withName(RELEASE).withNamespace(RELEASE_NAMESPACE);
            values.forEach(template::set);
            return RenderedChart.parse(template.call()).all(ConfigMap.class).stream()
                    .filter(map -> map.getMetadata().getName().equals("notes-under-test"))
                    .findFirst().orElseThrow().getData().get("notes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private static Helm helm() {
        return new Helm(RepositoryFiles.chart());
    }
}
