package io.siha.e2e.chart;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One request to the API server in RBAC's terms: verb, API group, resource (with subresource), namespace and name,
 * decoded from the HTTP method and path as the API server's request-info resolver does.
 *
 * @param namespace empty for cluster-scoped and all-namespaces requests
 * @param name      empty for collection requests (list, watch, create)
 */
record ApiRequest(String verb, String apiGroup, String resource, Optional<String> namespace, Optional<String> name) {

    /** {@code method} and {@code path} (with query) of a resource request; empty for /version, /apis and the like. */
    static Optional<ApiRequest> of(String method, String pathAndQuery) {
        String[] pathQuery = pathAndQuery.split("\\?", 2);
        boolean watch = pathQuery.length > 1 && Arrays.asList(pathQuery[1].split("&")).contains("watch=true");
        List<String> parts = Arrays.stream(pathQuery[0].split("/")).filter(s -> !s.isEmpty()).toList();
        int start;
        String group;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            start = 2;
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            start = 3;
        } else {
            return Optional.empty();
        }
        List<String> rest = parts.subList(start, parts.size());
        Optional<String> namespace = Optional.empty();
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = Optional.of(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
        Optional<String> name = rest.size() > 1 ? Optional.of(rest.get(1)) : Optional.empty();
        return Optional.of(new ApiRequest(verb(method, name.isPresent(), watch), group, resource, namespace, name));
    }

    private static String verb(String method, boolean named, boolean watch) {
        return switch (method) {
            case "GET" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("no RBAC verb for HTTP " + method);
        };
    }

    @Override
    public String toString() {
        return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource
                + namespace.map(ns -> " in " + ns).orElse(" (all namespaces)") + name.map(n -> " " + n).orElse("");
    }
}
