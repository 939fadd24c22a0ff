package io.siha.node.extensions.jars;

import java.lang.instrument.Instrumentation;
import java.util.Optional;

/**
 * The JVM's {@link Instrumentation}, which is what may add jars to the system class loader: the fat jar names this
 * class as its {@code Launcher-Agent-Class}, so {@code java -jar si-ha-node.jar} (the image's command) hands it over
 * before {@code main}; as {@code Premain-Class}, {@code java -javaagent:si-ha-node.jar -cp ...} does the same. It only
 * keeps the instance: nothing is transformed.
 */
public final class LauncherAgent {

    private static volatile Instrumentation instrumentation;

    private LauncherAgent() {
    }

    /** Called by the launcher for {@code java -jar}, before {@code main}. */
    public static void agentmain(String arguments, Instrumentation given) {
        instrumentation = given;
    }

    /** Called for {@code -javaagent:}, before {@code main}. */
    public static void premain(String arguments, Instrumentation given) {
        instrumentation = given;
    }

    static Optional<Instrumentation> instrumentation() {
        return Optional.ofNullable(instrumentation);
    }
}
