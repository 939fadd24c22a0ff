package io.siha.node.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the ingest ports: anyone, or only a client that presents the configured token, as
 * {@code Authorization: Bearer <token>} on HTTP or in the HELLO frame on the binary port.
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
        return compare(authorization.substring(SCHEME.length()).trim());
    }

    /** The verdict on a token presented as is (the binary port's HELLO); null or empty when none was sent. */
    Verdict checkToken(String token) {
        if (tokenDigest == null) {
            return Verdict.ADMITTED;
        }
        return token == null || token.isEmpty() ? Verdict.NO_TOKEN : compare(token);
    }

    private Verdict compare(String token) {
        // Comparing digests of equal length with MessageDigest.isEqual takes the same time wherever the presented
        // token differs, and does not reveal the token's length either: no timing oracle for guessing it.
        return MessageDigest.isEqual(digest(token), tokenDigest) ? Verdict.ADMITTED : Verdict.WRONG_TOKEN;
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
