package io.siha.node.extensions.jars;

import java.nio.file.Path;

/**
 * A jar of {@code SIHA_EXTENSIONS_DIR} cannot be used: the message names the jar and says what is wrong with it, and
 * the node stops at start rather than run apps that would miss the extension later.
 */
public final class InvalidExtensionJarException extends RuntimeException {

    public InvalidExtensionJarException(Path jar, String problem, Throwable cause) {
        super("extension jar " + jar + ": " + problem, cause);
    }

    public InvalidExtensionJarException(Path jar, String problem) {
        this(jar, problem, null);
    }
}
