package io.siha.node.sync;

import io.siha.node.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The passive's log of refused sync connections, per sync server: at most a line per interval for unproven peers and
 * one for admitted ones, each with a count of those left out. A flood of connections to the sync port costs a line
 * every few seconds, while a refusal of the real active (superseded, a gap) still shows at once unless another
 * admitted peer's just did.
 */
final class SyncRefusals {

    /** Logged under {@link PassiveSession}'s name, where these lines always were. */
    private static final Logger log = LoggerFactory.getLogger(PassiveSession.class);
    /** One log per server, found by the server's session registry, which each of its sessions holds. */
    private static final Map<SessionRegistry, RateLimitedLog> BY_SERVER =
            Collections.synchronizedMap(new WeakHashMap<>());

    private SyncRefusals() {
    }

    /** The refusal log of the server whose sessions {@code registry} keeps. */
    static RateLimitedLog of(SessionRegistry registry) {
        return BY_SERVER.computeIfAbsent(registry, r -> new RateLimitedLog(log));
    }

    /** The kind of a refusal: whether the peer had passed the handshake. */
    static String kind(boolean admitted) {
        return admitted ? "admitted peer" : "unproven peer";
    }
}
