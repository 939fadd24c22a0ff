package io.siha.e2e.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siha.api.v1alpha1.CrdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each example's SiHaCluster against the CRD the crds module generates, as the API server would judge it: schema
 * defaults, then structural validation with unknown fields refused. (The CRD's CEL rules are checked for the examples
 * by the operator's SpecResolver, in {@link ExamplesAcceptedByTheOperatorTest}; see CrdSchemaValidator for why.)
 */
class ExamplesAgainstTheCrdTest {

    private static final CrdSchemaValidator CRD = CrdSchemaValidator.forSiHaCluster();
    static final List<String> FILES = Example.FILES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("FILES")
    void theSiHaClusterIsValid(String file) {
        assertThat(CRD.errors(Example.load(file).clusterTree())).isEmpty();
    }

    // The check above can fail: the same validator refuses an example broken in the ways users break them.

    @Test
    void aMisspeltFieldIsRefused() {
        ObjectNode cluster = (ObjectNode) Example.load("sihacluster-inline.yaml").clusterTree();
        ((ObjectNode) cluster.path("spec")).putObject("hearbeat").put("intervalMs", 500);

        assertThat(CRD.errors(cluster)).anyMatch(error -> error.contains("hearbeat"));
    }

    @Test
    void aJdbcUrlOfAnotherDatabaseIsRefused() {
        ObjectNode cluster = (ObjectNode) Example.load("sihacluster-eks.yaml").clusterTree();
        ((ObjectNode) cluster.path("spec").path("database")).put("clusterJdbcUrl", "jdbc:mysql://rds:3306/siha");

        assertThat(CRD.errors(cluster)).anyMatch(error -> error.contains("clusterJdbcUrl"));
    }
}
