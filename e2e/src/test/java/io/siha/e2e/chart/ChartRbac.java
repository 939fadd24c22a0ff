package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The permissions a rendered chart gives the operator's ServiceAccount, decided as Kubernetes' RBAC authorizer does:
 * a ClusterRoleBinding's rules hold everywhere, a RoleBinding's only in its namespace; a rule matches on group,
 * resource (with subresource), verb and, when it lists any, resource names.
 */
final class ChartRbac {

    /** A rule and where it holds (empty: every namespace and the cluster scope). */
    record Grant(Optional<String> namespace, PolicyRule rule) {

        boolean allows(ApiRequest request) {
            return namespace.map(ns -> request.namespace().equals(Optional.of(ns))).orElse(true)
                    && matches(rule.getApiGroups(), request.apiGroup())
                    && matches(rule.getResources(), request.resource())
                    && matches(rule.getVerbs(), request.verb())
                    && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                        || request.name().map(rule.getResourceNames()::contains).orElse(false));
        }

        private static boolean matches(List<String> granted, String value) {
            return granted != null && (granted.contains("*") || granted.contains(value));
        }
    }

    private final List<Grant> grants;

    ChartRbac(RenderedChart chart, String serviceAccount, String serviceAccountNamespace) {
        List<Grant> found = new ArrayList<>();
        for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
            if (bindsTo(binding.getSubjects(), serviceAccount, serviceAccountNamespace)) {
                clusterRole(chart, binding.getRoleRef().getName()).getRules()
                        .forEach(rule -> found.add(new Grant(Optional.empty(), rule)));
            }
        }
        for (RoleBinding binding : chart.all(RoleBinding.class)) {
            if (bindsTo(binding.getSubjects(), serviceAccount, serviceAccountNamespace)) {
                String namespace = binding.getMetadata().getNamespace();
                role(chart, namespace, binding.getRoleRef().getName()).getRules()
                        .forEach(rule -> found.add(new Grant(Optional.of(namespace), rule)));
            }
        }
        this.grants = List.copyOf(found);
    }

    List<Grant> grants() {
        return grants;
    }

    boolean allows(ApiRequest request) {
        return grants.stream().anyMatch(grant -> grant.allows(request));
    }

    private static boolean bindsTo(List<Subject> subjects, String name, String namespace) {
        return subjects.stream().anyMatch(subject -> "ServiceAccount".equals(subject.getKind())
                && name.equals(subject.getName()) && namespace.equals(subject.getNamespace()));
    }

    private static ClusterRole clusterRole(RenderedChart chart, String name) {
        return chart.all(ClusterRole.class).stream().filter(role -> role.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("binding to missing ClusterRole " + name));
    }

    private static Role role(RenderedChart chart, String namespace, String name) {
        return chart.all(Role.class).stream().filter(role -> role.getMetadata().getName().equals(name)
                        && role.getMetadata().getNamespace().equals(namespace))
                .findFirst().orElseThrow(() -> new AssertionError("binding to missing Role " + namespace + "/" + name));
    }
}
