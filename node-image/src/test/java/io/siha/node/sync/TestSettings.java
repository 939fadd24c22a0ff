package io.siha.node.sync;

import java.nio.charset.StandardCharsets;

/** Settings of a test pair: printable secret, so a test can check that no message ever contains it. */
final class TestSettings {

    static final String GROUP = "test-group";
    static final String SECRET_TEXT = "correct-horse-battery-staple-42";
    static final byte[] SECRET = SECRET_TEXT.getBytes(StandardCharsets.UTF_8);
    static final int MAX_FRAME_BYTES = 1 << 20;

    private TestSettings() {
    }

    static SyncSettings node(String nodeId, int queueCapacity) {
        return new SyncSettings(GROUP, nodeId, SECRET, queueCapacity, MAX_FRAME_BYTES);
    }

    static SyncSettings node(String nodeId) {
        return node(nodeId, 10_000);
    }
}
