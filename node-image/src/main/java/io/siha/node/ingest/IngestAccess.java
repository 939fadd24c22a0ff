package io.siha.node.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the ingest ports: anyone, or only a client that presents the configured token, as
 * {@code Authorization: Bearer <token>} on HTTP or in the HELLO frame on the binary port.
 */
final class IngestAccess {

    private static final String SCHEME = "bearer ";

    /** Null when the port is open to anyone. */
    private final SecretToken token;

    private IngestAccess(SecretToken token) {
        this.token = token;
    }

    /** Open when {@code token} is empty, otherwise requiring it as a bearer token. */
    static IngestAccess of(Optional<String> token) {
        return new IngestAccess(token.map(SecretToken::of).orElse(null));
    }

    /** The verdict on a request's {@code Authorization} header (null when the request has none). */
    Verdict check(String authorization) {
        if (token == null) {
            return Verdict.ADMITTED;
        }
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Verdict.NO_TOKEN;
        }
        return compare(authorization.substring(SCHEME.length()).trim());
    }

    /** The verdict on a token presented as is (the binary port's HELLO); null or empty when none was sent. */
    Verdict checkToken(String presented) {
        if (token == null) {
            return Verdict.ADMITTED;
        }
        return presented == null || presented.isEmpty() ? Verdict.NO_TOKEN : compare(presented);
    }

    private Verdict compare(String presented) {
        return token.matches(presented) ? Verdict.ADMITTED : Verdict.WRONG_TOKEN;
    }

    enum Verdict { ADMITTED, NO_TOKEN, WRONG_TOKEN }
}
