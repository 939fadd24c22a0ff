package io.siha.node.source;

/**
 * An event a {@code @source} delivered that the pair did not take: bad values for its stream, a node no longer
 * active, memory full. Thrown back into the source, which answers its transport with an error (an HTTP source a 5xx,
 * an in-memory publisher the exception), so nothing is acknowledged that the pair does not hold.
 */
public final class SourceEventRefusedException extends RuntimeException {

    SourceEventRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
