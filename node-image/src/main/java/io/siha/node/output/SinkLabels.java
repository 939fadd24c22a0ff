package io.siha.node.output;

import io.siddhi.query.api.annotation.Annotation;
import io.siddhi.query.api.definition.StreamDefinition;

import java.util.List;
import java.util.Locale;

/**
 * The {@code app} and {@code sink} labels of one sink handler's meters. Siddhi tells a handler neither: its id is
 * {@code <app>-<stream>-<handler class>}, and a stream's sinks get their handlers in the order of their
 * {@code @sink} annotations, so the n-th handler of a stream is its n-th {@code @sink}.
 */
final class SinkLabels {

    private SinkLabels() {
    }

    /** The app's name, from Siddhi's handler id. */
    static String app(String handlerId, String stream, Class<?> handlerClass) {
        String suffix = "-" + stream + "-" + handlerClass.getName();
        return handlerId != null && handlerId.endsWith(suffix)
                ? handlerId.substring(0, handlerId.length() - suffix.length()) : String.valueOf(handlerId);
    }

    /**
     * The sink's type ({@code http}, {@code log}), and {@code #n} after it when the stream has several sinks (n its
     * place among them, from 0), so two sinks of one stream never share a series.
     */
    static String sink(StreamDefinition definition, int ordinal) {
        List<String> types = definition.getAnnotations().stream()
                .filter(a -> "sink".equalsIgnoreCase(a.getName()))
                .map(SinkLabels::type)
                .toList();
        String type = ordinal < types.size() ? types.get(ordinal) : "sink";
        return types.size() <= 1 ? type : type + "#" + ordinal;
    }

    private static String type(Annotation sink) {
        String type = sink.getElement("type");
        return type == null ? "sink" : type.toLowerCase(Locale.ROOT);
    }
}
