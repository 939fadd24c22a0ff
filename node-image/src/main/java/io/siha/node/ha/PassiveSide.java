package io.siha.node.ha;

import io.siha.node.sync.PassiveQueue;
import io.siha.node.sync.SyncServer;
import io.siha.node.sync.SyncSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as the passive: an event sync server filling a bounded queue from the active. The server runs only
 * while passive; the queue outlives it, because a takeover replays it.
 */
final class PassiveSide {

    private static final Logger log = LoggerFactory.getLogger(PassiveSide.class);

    private final SyncSettings settings;
    private final String bindHost;
    private final int port;
    private final PassiveQueue queue;
    private SyncServer server;
    /** The newest epoch admitted by any of this node's sync servers: older actives are refused for good. */
    private long highestEpochAdmitted;

    PassiveSide(SyncSettings settings, String bindHost, int port) {
        this.settings = settings;
        this.bindHost = bindHost;
        this.port = port;
        this.queue = new PassiveQueue(settings.queueCapacity(), settings.queueMaxBytes());
    }

    /**
     * Opens the sync server, refusing actives of epochs below {@code minEpoch} and below any this node already synced
     * with. The queue keeps what it holds: only a snapshot that covers an event removes it ({@link PassiveQueue}).
     */
    synchronized void start(long minEpoch) {
        if (server != null) {
            return;
        }
        server = new SyncServer(settings, queue);
        server.refuseEpochsBelow(Math.max(minEpoch, highestEpochAdmitted));
        server.start(bindHost, port);
        log.info("passive: event sync server on {}:{}", bindHost, server.port());
    }

    /** Closes the server so no active can add events any more; the queue stays for the takeover. */
    synchronized void stop() {
        if (server != null) {
            highestEpochAdmitted = Math.max(highestEpochAdmitted, server.highestEpochSeen());
            server.close();
            server = null;
        }
    }

    PassiveQueue queue() {
        return queue;
    }

    /**
     * The epoch whose events the queue holds: the newest active this node took events from, or this node's own term
     * if its takeover replayed the queue and was abandoned before a snapshot.
     */
    long syncedEpoch() {
        return queue.historyEpoch();
    }

    synchronized boolean connected() {
        return server != null && server.connected();
    }
}
