package io.siha.node.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A secret token, kept only as its SHA-256, that a presented one is compared with in constant time: digests of equal
 * length compared with {@link MessageDigest#isEqual} take the same time wherever the presented token differs, and do
 * not reveal the token's length either, so timing is no oracle for guessing it. The ingest ports and the apps' HTTP
 * sources use it.
 */
public final class SecretToken {

    private final byte[] digest;

    private SecretToken(byte[] digest) {
        this.digest = digest;
    }

    public static SecretToken of(String token) {
        return new SecretToken(digest(token));
    }

    /** Whether {@code presented} is the token; false for null. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest(presented), digest);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
