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
    private long syncedEpoch;

    PassiveSide(SyncSettings settings, String bindHost, int port) {
        this.settings = settings;
        this.bindHost = bindHost;
        this.port = port;
        this.queue = new PassiveQueue(settings.queueCapacity());
    }

    /**
     * Opens the sync server on an empty queue (whatever it held belongs to an earlier term), refusing actives of
     * epochs below {@code minEpoch} and below any this node already synced with.
     */
    synchronized void start(long minEpoch) {
        if (server != null) {
            return;
        }
        queue.clear();
        server = new SyncServer(settings, queue);
        server.refuseEpochsBelow(Math.max(minEpoch, syncedEpoch));
        server.start(bindHost, port);
        log.info("passive: event sync server on {}:{}", bindHost, server.port());
    }

    /** Closes the server so no active can add events any more; the queue stays for the takeover. */
    synchronized void stop() {
        if (server != null) {
            syncedEpoch = Math.max(syncedEpoch, server.highestEpochSeen());
            server.close();
            server = null;
        }
    }

    PassiveQueue queue() {
        return queue;
    }

    /** The epoch of the newest active this node took events from. */
    synchronized long syncedEpoch() {
        return server == null ? syncedEpoch : Math.max(syncedEpoch, server.highestEpochSeen());
    }

    synchronized boolean connected() {
        return server != null && server.connected();
    }
}
