package io.siha.node.extensions.http;

import io.siha.node.ingest.SecretToken;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The credential of an HTTP source with {@code basic.auth.enabled='true'}: the node's ingest token
 * ({@code SIHA_INGEST_TOKEN}), as a bearer token ({@code Authorization: Bearer <token>}, as on the ingest port) or
 * as the password of HTTP basic authentication with any user name ({@code Authorization: Basic base64(user:token)},
 * what SI clients send). SI checks the user and password against its user store; the node has one secret, the token.
 */
final class ReceiverCredentials {

    enum Verdict { ADMITTED, NONE, WRONG }

    private final SecretToken token;

    private ReceiverCredentials(SecretToken token) {
        this.token = token;
    }

    /** Empty when the node has no ingest token: then no source may turn authentication on. */
    static Optional<ReceiverCredentials> of(Optional<String> token) {
        return token.filter(t -> !t.isEmpty()).map(t -> new ReceiverCredentials(SecretToken.of(t)));
    }

    /** The verdict on a request's {@code Authorization} header (null when it has none). */
    Verdict check(String authorization) {
        if (authorization == null) {
            return Verdict.NONE;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return Verdict.NONE;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).trim();
        return switch (scheme) {
            case "bearer" -> compare(value);
            case "basic" -> compare(basicPassword(value));
            default -> Verdict.NONE;
        };
    }

    private static String basicPassword(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Verdict compare(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Verdict.WRONG;
        }
        return token.matches(presented) ? Verdict.ADMITTED : Verdict.WRONG;
    }
}
