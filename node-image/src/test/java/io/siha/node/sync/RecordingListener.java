package io.siha.node.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every call, for asserting order and count. */
final class RecordingListener implements SyncListener {

    final List<Long> acks = new CopyOnWriteArrayList<>();
    final List<Boolean> connectionChanges = new CopyOnWriteArrayList<>();

    @Override
    public void acked(long seq) {
        acks.add(seq);
    }

    @Override
    public void connectionChanged(boolean connected) {
        connectionChanges.add(connected);
    }
}
