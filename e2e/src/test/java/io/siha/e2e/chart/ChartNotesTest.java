package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.siddhi.core.SiddhiManager;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.e2e.Manifests;
import io.siha.node.extensions.NodeExtensions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The steps NOTES.txt gives after {@code helm install}, followed as written. */
class ChartNotesTest {

    private static final Pattern CREATED_SECRET = Pattern.compile("kubectl create secret generic (\\S+)");
    private static final Pattern APPLIED_HEREDOC = Pattern.compile("kubectl apply -f - <<'EOF'\\n(.*?)\\n\\s*EOF\\n",
            Pattern.DOTALL);
    private static final Pattern APPLIED_FILE = Pattern.compile("kubectl apply -f (?!-)(\\S+)");

    private static final String NODE_IMAGE = "registry.example.com/si-ha-node";
    private final String notes = ChartUnderTest.installNotes(Map.of("nodeImage.repository", NODE_IMAGE,
            "nodeImage.tag", "9.9.9"));

    @Test
    void theSiHaClusterOfStepTwoUsesTheSecretOfStepOneAndNeverReplacesIt() {
        String secretName = only(CREATED_SECRET.matcher(notes));
        List<HasMetadata> applied = Manifests.objects(only(APPLIED_HEREDOC.matcher(notes)).stripIndent());

        assertThat(applied).noneMatch(Secret.class::isInstance);
        assertThat(applied).singleElement().isInstanceOfSatisfying(SiHaCluster.class, cluster -> {
            assertThat(cluster.getSpec().getDatabase().getPasswordSecretRef().getName()).isEqualTo(secretName);
            assertThat(cluster.getSpec().getImage()).isEqualTo(NODE_IMAGE + ":9.9.9");
        });
        // No step applies a file either: the examples carry try-out Secrets that would replace the user's.
        assertThat(APPLIED_FILE.matcher(notes).results()).isEmpty();
    }

    @Test
    void theAppOfStepTwoCompilesWithTheNodesExtensions() {
        SiHaCluster cluster = (SiHaCluster) Manifests.objects(only(APPLIED_HEREDOC.matcher(notes)).stripIndent()).get(0);
        SiddhiManager siddhi = new SiddhiManager();
        NodeExtensions.builtIn().register(siddhi);
        try {
            assertThat(cluster.getSpec().getApps().getInline()).isNotEmpty().allSatisfy(app ->
                    assertThatCode(() -> siddhi.validateSiddhiApp(app.getSiddhi())).doesNotThrowAnyException());
        } finally {
            siddhi.shutdown();
        }
    }

    private static String only(Matcher matcher) {
        List<String> found = matcher.results().map(result -> result.group(1)).toList();
        assertThat(found).as("matches of %s in NOTES.txt", matcher.pattern()).hasSize(1);
        return found.get(0);
    }
}
