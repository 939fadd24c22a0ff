package io.siha.node.extensions.jars;

import java.util.Map;

/** Sources of small Siddhi extensions, as users write them, for {@link TestJars} to build into jars. */
final class TestExtensions {

    private TestExtensions() {
    }

    /** {@code acme:twice(x)}: a long doubled. */
    static final Map<String, String> TWICE = Map.of("com.acme.Twice",
            function("Twice", "twice", "x * 2", "", "", "((Long) data) * 2"));

    /**
     * {@code acme:tally()}: how many events it has seen, kept in a state object of the jar's own class, so the
     * app's snapshot holds an instance of a class only the extensions' loader knows.
     */
    static final Map<String, String> TALLY = Map.of("com.acme.Tally", """
            package com.acme;

            import io.siddhi.annotation.Extension;
            import io.siddhi.core.config.SiddhiQueryContext;
            import io.siddhi.core.executor.ExpressionExecutor;
            import io.siddhi.core.executor.function.FunctionExecutor;
            import io.siddhi.core.util.config.ConfigReader;
            import io.siddhi.core.util.snapshot.state.State;
            import io.siddhi.core.util.snapshot.state.StateFactory;
            import io.siddhi.query.api.definition.Attribute;
            import java.io.Serializable;
            import java.util.HashMap;
            import java.util.Map;

            @Extension(name = "tally", namespace = "acme", description = "events seen")
            public class Tally extends FunctionExecutor<Tally.Count> {
                public static final class Box implements Serializable {
                    long seen;
                }

                public static final class Count extends State {
                    Box box = new Box();

                    @Override
                    public boolean canDestroy() {
                        return false;
                    }

                    @Override
                    public Map<String, Object> snapshot() {
                        Map<String, Object> state = new HashMap<>();
                        state.put("box", box);
                        return state;
                    }

                    @Override
                    public void restore(Map<String, Object> state) {
                        box = (Box) state.get("box");
                    }
                }

                @Override
                protected StateFactory<Count> init(ExpressionExecutor[] executors, ConfigReader reader,
                                                   SiddhiQueryContext context) {
                    return Count::new;
                }

                @Override
                protected Object execute(Object[] data, Count state) {
                    return ++state.box.seen;
                }

                @Override
                protected Object execute(Object data, Count state) {
                    return ++state.box.seen;
                }

                @Override
                public Attribute.Type getReturnType() {
                    return Attribute.Type.LONG;
                }
            }
            """);

    /** {@code acme:helped(x)}, which needs {@code com.acme.lib.Helper} from a library jar. */
    static final Map<String, String> HELPED = Map.of("com.acme.Helped",
            function("Helped", "helped", "x + 1, by the helper", "import com.acme.lib.Helper;",
                    "private static final Helper HELPER = new Helper();", "HELPER.next((Long) data)"),
            "com.acme.lib.Helper", """
            package com.acme.lib;

            public class Helper {
                public long next(long x) {
                    return x + 1;
                }
            }
            """);

    /** A sink under SI's own key {@code sink:http}, as siddhi-io-http's jar has one. */
    static final Map<String, String> OTHER_HTTP_SINK = Map.of("org.example.OtherHttpSink", """
            package org.example;

            import io.siddhi.annotation.Extension;
            import io.siddhi.core.config.SiddhiAppContext;
            import io.siddhi.core.stream.ServiceDeploymentInfo;
            import io.siddhi.core.stream.output.sink.Sink;
            import io.siddhi.core.util.config.ConfigReader;
            import io.siddhi.core.util.snapshot.state.State;
            import io.siddhi.core.util.snapshot.state.StateFactory;
            import io.siddhi.core.util.transport.DynamicOptions;
            import io.siddhi.core.util.transport.OptionHolder;
            import io.siddhi.query.api.definition.StreamDefinition;

            @Extension(name = "http", namespace = "sink", description = "another http sink")
            public class OtherHttpSink extends Sink<State> {
                @Override
                public Class[] getSupportedInputEventClasses() {
                    return new Class[] {String.class};
                }

                @Override
                protected ServiceDeploymentInfo exposeServiceDeploymentInfo() {
                    return null;
                }

                @Override
                public String[] getSupportedDynamicOptions() {
                    return new String[0];
                }

                @Override
                protected StateFactory<State> init(StreamDefinition definition, OptionHolder options,
                                                   ConfigReader reader, SiddhiAppContext context) {
                    return null;
                }

                @Override
                public void publish(Object payload, DynamicOptions options, State state) {
                }

                @Override
                public void connect() {
                }

                @Override
                public void disconnect() {
                }

                @Override
                public void destroy() {
                }
            }
            """);

    /** A plain library: no extension in it. */
    static final Map<String, String> LIBRARY = Map.of("com.acme.lib.Strings", """
            package com.acme.lib;

            public final class Strings {
                public static String shout(String s) {
                    return s.toUpperCase();
                }
            }
            """);

    /** A stateless {@code acme:<name>(x)} of one argument, returning {@code result} (of {@code data}) as a long. */
    private static String function(String className, String name, String description, String imports,
                                   String members, String result) {
        return """
                package com.acme;

                %4$s
                import io.siddhi.annotation.Extension;
                import io.siddhi.core.config.SiddhiQueryContext;
                import io.siddhi.core.executor.ExpressionExecutor;
                import io.siddhi.core.executor.function.FunctionExecutor;
                import io.siddhi.core.util.config.ConfigReader;
                import io.siddhi.core.util.snapshot.state.State;
                import io.siddhi.core.util.snapshot.state.StateFactory;
                import io.siddhi.query.api.definition.Attribute;

                @Extension(name = "%2$s", namespace = "acme", description = "%3$s")
                public class %1$s extends FunctionExecutor<State> {
                    %5$s

                    @Override
                    protected StateFactory<State> init(ExpressionExecutor[] executors, ConfigReader reader,
                                                       SiddhiQueryContext context) {
                        return null;
                    }

                    @Override
                    protected Object execute(Object[] data, State state) {
                        throw new UnsupportedOperationException("one argument");
                    }

                    @Override
                    protected Object execute(Object data, State state) {
                        return %6$s;
                    }

                    @Override
                    public Attribute.Type getReturnType() {
                        return Attribute.Type.LONG;
                    }
                }
                """.formatted(className, name, description, imports, members, result);
    }
}
