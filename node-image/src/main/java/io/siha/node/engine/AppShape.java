package io.siha.node.engine;

import io.siddhi.query.api.SiddhiApp;
import io.siddhi.query.api.annotation.Element;
import io.siddhi.query.api.definition.AbstractDefinition;
import io.siddhi.query.api.definition.Attribute;
import io.siddhi.query.api.execution.ExecutionElement;
import io.siddhi.query.api.execution.partition.Partition;
import io.siddhi.query.api.execution.query.Query;
import io.siddhi.query.api.execution.query.input.handler.StreamHandler;
import io.siddhi.query.api.execution.query.input.handler.Window;
import io.siddhi.query.api.execution.query.input.stream.InputStream;
import io.siddhi.query.api.execution.query.input.stream.JoinInputStream;
import io.siddhi.query.api.execution.query.input.stream.SingleInputStream;
import io.siddhi.query.api.execution.query.input.stream.StateInputStream;
import io.siddhi.query.api.expression.Variable;
import io.siddhi.query.api.util.AnnotationHelper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What of an app its persisted state is laid out by: each stream, table, window and aggregation with its attributes,
 * and each query (by its {@code @info} name, or its place among the unnamed ones) with the stream it reads, its
 * windows and its group-by. Siddhi restores a snapshot into a changed app without complaint, dropping the state of
 * what is gone and keeping rows of an old layout in a new one (AppShapeTest, the README's "Changing an app"), so the
 * node compares shapes before it restores.
 *
 * @param elements each element's key ({@code "table Totals"}) and what its state depends on
 */
public record AppShape(SortedMap<String, String> elements) {

    public AppShape {
        elements = new TreeMap<>(elements);
    }

    public static AppShape of(SiddhiApp app) {
        SortedMap<String, String> elements = new TreeMap<>();
        definitions(elements, "stream", app.getStreamDefinitionMap());
        definitions(elements, "table", app.getTableDefinitionMap());
        definitions(elements, "aggregation", app.getAggregationDefinitionMap());
        app.getWindowDefinitionMap().forEach((id, window) ->
                elements.put("window " + id, attributes(window) + " " + handler(window.getWindow())));
        int unnamed = 0;
        for (ExecutionElement element : app.getExecutionElementList()) {
            List<Query> queries = element instanceof Partition partition ? partition.getQueryList()
                    : element instanceof Query query ? List.of(query) : List.of();
            for (Query query : queries) {
                Element name = AnnotationHelper.getAnnotationElement("info", "name", query.getAnnotations());
                String key = name != null ? "query " + name.getValue() : "unnamed query #" + unnamed++;
                elements.put(key, (element instanceof Partition ? "in a partition, " : "") + "from "
                        + input(query.getInputStream()) + groupBy(query.getSelector().getGroupByList()));
            }
        }
        return new AppShape(elements);
    }

    /**
     * What a restore of state of this shape into {@code now} would lose or misplace: each element this shape has that
     * {@code now} lacks or lays out otherwise. Elements new in {@code now} start empty, which loses nothing.
     */
    public List<String> changesThatLoseState(AppShape now) {
        List<String> changes = new ArrayList<>();
        elements.forEach((key, was) -> {
            String is = now.elements.get(key);
            if (is == null) {
                changes.add(key + " is gone (was " + was + ")");
            } else if (!is.equals(was)) {
                changes.add(key + " was " + was + ", is " + is);
            }
        });
        return changes;
    }

    /** One line per element, for the snapshot; {@link #fromLines} reads them back. */
    public List<String> lines() {
        return elements.entrySet().stream().map(entry -> entry.getKey() + "\t" + entry.getValue()).toList();
    }

    public static AppShape fromLines(List<String> lines) {
        SortedMap<String, String> elements = new TreeMap<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException("not a line of an app's shape: " + line);
            }
            elements.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return new AppShape(elements);
    }

    /** Each app's {@link #lines}, by app name, as a snapshot keeps them. */
    public static Map<String, List<String>> linesByApp(Map<String, AppShape> shapes) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        shapes.forEach((app, shape) -> lines.put(app, shape.lines()));
        return Collections.unmodifiableMap(lines);
    }

    public static Map<String, AppShape> byApp(Map<String, List<String>> linesByApp) {
        Map<String, AppShape> shapes = new LinkedHashMap<>();
        linesByApp.forEach((app, lines) -> shapes.put(app, fromLines(lines)));
        return shapes;
    }

    private static void definitions(SortedMap<String, String> into, String kind,
                                    Map<String, ? extends AbstractDefinition> definitions) {
        definitions.forEach((id, definition) -> into.put(kind + " " + id, attributes(definition)));
    }

    private static String attributes(AbstractDefinition definition) {
        return definition.getAttributeList().stream()
                .map((Attribute attribute) -> attribute.getName() + " " + attribute.getType().name().toLowerCase())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String input(InputStream input) {
        if (input instanceof SingleInputStream single) {
            StringBuilder text = new StringBuilder(single.getStreamId());
            for (StreamHandler handler : single.getStreamHandlers()) {
                if (handler instanceof Window window) {
                    text.append(handler(window));
                }
            }
            return text.toString();
        }
        if (input instanceof JoinInputStream join) {
            return input(join.getLeftInputStream()) + " join " + input(join.getRightInputStream());
        }
        if (input instanceof StateInputStream state) {
            return state.getStateType().name().toLowerCase() + " of " + String.join(", ", state.getAllStreamIds());
        }
        return String.join(", ", input.getAllStreamIds());
    }

    private static String handler(Window window) {
        return "#window." + (window.getNamespace() == null || window.getNamespace().isEmpty() ? ""
                : window.getNamespace() + ":") + window.getName();
    }

    private static String groupBy(List<Variable> groupBy) {
        return groupBy.isEmpty() ? "" : " group by " + groupBy.stream().map(Variable::getAttributeName)
                .collect(Collectors.joining(", "));
    }
}
