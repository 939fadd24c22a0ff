package io.siha.operator.model;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes the shared secret of the nodes' sync handshake: 32 random bytes, base64 (as a Secret's data holds it). */
public final class SyncSecretGenerator {

    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SyncSecretGenerator() {
    }

    /** Base64 of the base64url text, so the node reads a printable token from its environment variable. */
    public static String generateBase64() {
        byte[] secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return Base64.getEncoder().encodeToString(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
