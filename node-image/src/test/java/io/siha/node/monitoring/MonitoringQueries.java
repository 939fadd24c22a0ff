package io.siha.node.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every PromQL expression the shipped rules and dashboard evaluate (public for the end-to-end monitoring test). */
public final class MonitoringQueries {

    /**
     * What Grafana puts for the dashboard's variables: all namespaces and pairs, and windows that hold several
     * scrapes of the test's Prometheus (1 s apart) and the whole test.
     */
    static final Map<String, String> DASHBOARD_VARIABLES = Map.of("$namespace", ".*", "$cluster", ".*",
            "$__rate_interval", "20s", "$__range", "10m");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE_LABEL = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");

    private MonitoringQueries() {
    }

    public static List<MonitoringQuery> all() {
        List<MonitoringQuery> all = new ArrayList<>(rules());
        all.addAll(dashboard());
        return all;
    }

    /** Each alert's expression, with the labels its annotations read. */
    public static List<MonitoringQuery> rules() {
        List<MonitoringQuery> queries = new ArrayList<>();
        for (JsonNode group : readYaml(MonitoringFiles.rules()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                Set<String> read = new TreeSet<>();
                rule.path("annotations").forEach(text -> read.addAll(found(TEMPLATE_LABEL, text.asText())));
                queries.add(new MonitoringQuery("alert " + rule.path("alert").asText(), rule.path("expr").asText(),
                        read));
            }
        }
        return queries;
    }

    public static List<String> alertNames() {
        return rules().stream().map(q -> q.where().substring("alert ".length())).toList();
    }

    /** Each panel's targets, with the labels their legends read, and the variables' label_values queries. */
    public static List<MonitoringQuery> dashboard() {
        JsonNode dashboard = readJson(MonitoringFiles.dashboard());
        List<MonitoringQuery> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new MonitoringQuery("panel '" + panel.path("title").asText() + "' "
                        + target.path("refId").asText(), substitute(target.path("expr").asText()),
                        found(LEGEND_LABEL, target.path("legendFormat").asText())));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher values = LABEL_VALUES.matcher(variable.path("definition").asText());
            if (values.matches()) {
                queries.add(new MonitoringQuery("variable " + variable.path("name").asText(),
                        substitute(values.group(1)), Set.of(values.group(2))));
            }
        }
        return queries;
    }

    private static String substitute(String expr) {
        String result = expr;
        for (Map.Entry<String, String> variable : DASHBOARD_VARIABLES.entrySet()) {
            result = result.replace(variable.getKey(), variable.getValue());
        }
        return result;
    }

    private static Set<String> found(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * With snakeyaml-engine: Jackson's YAML module needs snakeyaml 2, and Siddhi puts snakeyaml 1 on this class path.
     */
    static JsonNode readYaml(Path file) {
        try {
            return JSON.valueToTree(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
