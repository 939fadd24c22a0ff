package io.siha.e2e.chart;

import io.siha.e2e.Manifests;
import io.siha.e2e.UnknownFields;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownFieldsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: operator}
            spec:
              template:
                spec:
                  containers:
                    - name: operator
                      image: operator:1
                      %s: {httpGet: {path: /readyz, port: 8080}}
            """;

    @Test
    void aMisspeltFieldIsReportedWithItsPath() {
        Deployment deployment = Manifests.SERIALIZATION.unmarshal(DEPLOYMENT.formatted("readinesProbe"),
                Deployment.class);

        assertThat(UnknownFields.of(deployment)).containsExactly("spec.template.spec.containers[0].readinesProbe");
    }

    @Test
    void knownFieldsAreNotReported() {
        Deployment deployment = Manifests.SERIALIZATION.unmarshal(DEPLOYMENT.formatted("readinessProbe"),
                Deployment.class);

        assertThat(UnknownFields.of(deployment)).isEmpty();
    }
}
