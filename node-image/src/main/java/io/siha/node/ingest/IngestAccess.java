package io.siha.node.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the ingest port: anyone, or only a client that sends {@code Authorization: Bearer <token>} with the
 * configured token.
 */
final class IngestAccess {

    private static final String SCHEME = "bearer ";

    /** SHA-256 of the token; null when the port is open to anyone. */
    private final byte[] tokenDigest;

    private IngestAccess(byte[] tokenDigest) {
        this.tokenDigest = tokenDigest;
    }

    /** Open when {@code token} is empty, otherwise requiring it as a bearer token. */
    static IngestAccess of(Optional<String> token) {
        return new IngestAccess(token.map(IngestAccess::digest).orElse(null));
    }

    /** The verdict on a request's {@code Authorization} header (null when the request has none). */
    Verdict check(String authorization) {
        if (tokenDigest == null) {
            return Verdict.ADMITTED;
        }
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Verdict.NO_TOKEN;
        }
        // Comparing digests of equal length with MessageDigest.isEqual takes the same time wherever the presented
        // token differs, and does not reveal the token's length either: no timing oracle for guessing it.
        byte[] presented = digest(authorization.substring(SCHEME.length()).trim());
        return MessageDigest.isEqual(presented, tokenDigest) ? Verdict.ADMITTED : Verdict.WRONG_TOKEN;
    }

    enum Verdict { ADMITTED, NO_TOKEN, WRONG_TOKEN }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
