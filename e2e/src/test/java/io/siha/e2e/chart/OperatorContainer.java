package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.siha.operator.OperatorConfig;

import java.util.Map;
import java.util.stream.Collectors;

/** The operator container of the rendered Deployment, and the configuration the operator would read from it. */
final class OperatorContainer {

    private final Container container;

    OperatorContainer(RenderedChart chart) {
        Deployment deployment = chart.one(Deployment.class);
        this.container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    Container container() {
        return container;
    }

    /** Env vars with a literal value (those from the downward API are left out). */
    Map<String, String> literalEnv() {
        return container.getEnv().stream().filter(env -> env.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    EnvVar env(String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env var " + name));
    }

    /** Parsed by the operator's own parser, so a value it would refuse fails the test as it would fail the pod. */
    OperatorConfig operatorConfig() {
        return OperatorConfig.fromEnv(literalEnv());
    }
}
