package io.siha.node.sync;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Proves knowledge of the shared secret without sending it: HMAC-SHA256 keyed with the secret over the server's
 * fresh nonce and the client's identity. The nonce makes a recorded HELLO useless on another connection; the
 * identity in the MAC stops a peer from replaying a proof under another group, node id or epoch.
 */
final class HandshakeProof {

    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HandshakeProof() {
    }

    static byte[] newNonce() {
        byte[] nonce = new byte[FrameCodec.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    static byte[] compute(byte[] secret, byte[] nonce, String clusterGroup, String nodeId, long epoch) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(nonce);
            // Length-prefixed, so ("ab", "c") and ("a", "bc") give different proofs.
            mac.update(lengthPrefixed(clusterGroup));
            mac.update(lengthPrefixed(nodeId));
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(epoch).array());
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Compares in constant time, so response timing tells an attacker nothing about how close a guess was. */
    static boolean verify(byte[] secret, byte[] nonce, Frame.Hello hello) {
        byte[] expected = compute(secret, nonce, hello.clusterGroup(), hello.nodeId(), hello.epoch());
        return MessageDigest.isEqual(expected, hello.proof());
    }

    private static byte[] lengthPrefixed(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + bytes.length).putInt(bytes.length).put(bytes).array();
    }
}
