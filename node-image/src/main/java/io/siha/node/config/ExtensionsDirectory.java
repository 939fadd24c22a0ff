package io.siha.node.config;

import io.siha.api.NodeEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link NodeEnv#EXTENSIONS_DIR}, checked as a directory this process can list. What its jars hold is checked when
 * they are loaded ({@code io.siha.node.extensions.jars.ExtensionJars}), naming the jar.
 */
final class ExtensionsDirectory {

    private ExtensionsDirectory() {
    }

    /** The directory, or empty when unset; records a problem naming the variable when it is unusable. */
    static Optional<Path> read(EnvReader in) {
        Optional<String> value = in.optional(NodeEnv.EXTENSIONS_DIR);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path directory = Path.of(value.get());
        if (!Files.exists(directory)) {
            in.problem(NodeEnv.EXTENSIONS_DIR + "=" + directory + " does not exist (expected the directory of the "
                    + "extension jars, *.jar)");
        } else if (!Files.isDirectory(directory)) {
            in.problem(NodeEnv.EXTENSIONS_DIR + "=" + directory + " is not a directory (expected the directory of "
                    + "the extension jars, *.jar, not a jar itself)");
        } else if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
            in.problem(NodeEnv.EXTENSIONS_DIR + "=" + directory + " cannot be listed by this process (its "
                    + "permissions)");
        }
        return Optional.of(directory);
    }
}
