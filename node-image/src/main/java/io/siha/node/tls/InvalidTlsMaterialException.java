package io.siha.node.tls;

import java.nio.file.Path;

/**
 * A TLS directory the node cannot use: a missing file, a key or certificate that does not parse, a key that does not
 * belong to the certificate. The message names the file and never shows key material.
 */
public final class InvalidTlsMaterialException extends RuntimeException {

    public InvalidTlsMaterialException(Path file, String problem) {
        super(file + " " + problem);
    }

    public InvalidTlsMaterialException(Path file, String problem, Throwable cause) {
        super(file + " " + problem, cause);
    }
}
