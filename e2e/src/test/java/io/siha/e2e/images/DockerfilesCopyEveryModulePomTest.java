package io.siha.e2e.images;

import io.siha.e2e.RepositoryFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maven reads every module the root pom lists, even in {@code mvn -pl ...}: an image build whose Dockerfile does not
 * copy a module's pom fails with "Child module ... does not exist". No Docker here, so the Dockerfiles are read.
 */
class DockerfilesCopyEveryModulePomTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @ParameterizedTest
    @ValueSource(strings = {"node-image/Dockerfile", "operator/Dockerfile"})
    void everyModuleOfTheRootPomIsCopied(String dockerfile) throws IOException {
        String text = Files.readString(RepositoryFiles.root().resolve(dockerfile));
        List<String> modules = modules();
        assertThat(modules).contains("crds", "kubectl-plugin", "e2e");
        for (String module : modules) {
            assertThat(text).as("%s copies %s's pom or the whole module", dockerfile, module)
                    .containsAnyOf("COPY " + module + "/pom.xml " + module + "/pom.xml\n",
                            "COPY " + module + " " + module + "\n");
        }
    }

    private static List<String> modules() throws IOException {
        Matcher m = MODULE.matcher(Files.readString(RepositoryFiles.root().resolve("pom.xml")));
        return m.results().map(r -> r.group(1).trim()).toList();
    }
}
