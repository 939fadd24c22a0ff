package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.siha.api.v1alpha1.AppsSpec;
import io.siha.api.v1alpha1.InlineSiddhiApp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The apps of {@code spec.apps}, inline or from the user's ConfigMap (its keys ending in {@code .siddhi}, the files the
 * node loads), checked for what makes a set of apps unusable before any is read: none at all, both sources or neither,
 * two inline apps of one name, a missing ConfigMap.
 */
final class AppFiles {

    private AppFiles() {
    }

    /** The apps, by file name; problems are added for what is wrong. */
    static List<AppFile> resolve(AppsSpec apps, Optional<ConfigMap> configMap, List<SpecProblem> problems) {
        if (apps == null) {
            problems.add(new SpecProblem("spec.apps", "is required"));
            return List.of();
        }
        boolean inline = apps.getInline() != null;
        boolean referenced = apps.getConfigMapName() != null;
        if (inline == referenced) {
            problems.add(new SpecProblem("spec.apps", "set exactly one of apps.inline and apps.configMapName"));
            return List.of();
        }
        return inline ? inline(apps.getInline(), problems)
                : referenced(apps.getConfigMapName(), configMap, problems);
    }

    /** File name to text, as the apps ConfigMap holds them. */
    static SortedMap<String, String> byFileName(List<AppFile> apps) {
        SortedMap<String, String> files = new TreeMap<>();
        apps.forEach(app -> files.put(app.fileName(), app.siddhi()));
        return files;
    }

    private static List<AppFile> inline(List<InlineSiddhiApp> inline, List<SpecProblem> problems) {
        if (inline.isEmpty()) {
            problems.add(new SpecProblem("spec.apps.inline", "must list at least one app"));
        }
        List<AppFile> apps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inline.size(); i++) {
            InlineSiddhiApp app = inline.get(i);
            String field = "spec.apps.inline[" + i + "]";
            if (blank(app.getName()) || blank(app.getSiddhi())) {
                problems.add(new SpecProblem(field, "needs a name and a siddhi text"));
            } else if (!seen.add(app.getName())) {
                // Two apps with one name would be one ConfigMap key: the second would silently replace the first.
                problems.add(new SpecProblem(field + ".name", "duplicate app name " + app.getName()));
            } else {
                apps.add(new AppFile(app.getName() + SpecResolver.APP_FILE_SUFFIX, app.getSiddhi(), field + ".siddhi",
                        "app " + app.getName()));
            }
        }
        return apps;
    }

    private static List<AppFile> referenced(String name, Optional<ConfigMap> configMap, List<SpecProblem> problems) {
        String field = "spec.apps.configMapName";
        if (configMap.isEmpty()) {
            problems.add(new SpecProblem(field, "ConfigMap " + name + " not found"));
            return List.of();
        }
        Map<String, String> data = configMap.get().getData() == null ? Map.of() : configMap.get().getData();
        List<AppFile> apps = data.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(SpecResolver.APP_FILE_SUFFIX))
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new AppFile(entry.getKey(), entry.getValue(), field,
                        "ConfigMap " + name + " key " + entry.getKey()))
                .toList();
        if (apps.isEmpty()) {
            problems.add(new SpecProblem(field, "ConfigMap " + name + " has no key ending in "
                    + SpecResolver.APP_FILE_SUFFIX));
        }
        return apps;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
