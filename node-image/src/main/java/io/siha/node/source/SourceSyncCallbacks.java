package io.siha.node.source;

import io.siddhi.core.stream.input.source.SourceSyncCallback;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sync callbacks of one engine's sources (Siddhi's {@link SourceSyncCallback}, which a source implements to learn
 * transport positions), by app and stream. A takeover's replay tells the sources of each replayed event's stream the
 * event's id, which a log-reading source made of the record's position ({@code kafka:<topic>:<partition>:<offset>}):
 * so the source resumes after the newest record the pair holds, whether a snapshot or the passive's queue holds it.
 */
final class SourceSyncCallbacks {

    private record StreamKey(String app, String stream) {
    }

    private final Map<StreamKey, List<SourceSyncCallback>> byStream = new ConcurrentHashMap<>();

    /** Called as each source's handler is initialised; sources without a callback (most) are not kept. */
    void register(String app, String stream, SourceSyncCallback callback) {
        if (callback != null) {
            byStream.computeIfAbsent(new StreamKey(app, stream), key -> new CopyOnWriteArrayList<>()).add(callback);
        }
    }

    /** The replay processed an event with {@code eventId} on {@code app}/{@code stream}. */
    void replayed(String app, String stream, String eventId) {
        List<SourceSyncCallback> callbacks = byStream.get(new StreamKey(app, stream));
        if (callbacks != null) {
            String[] properties = {eventId};
            callbacks.forEach(callback -> callback.update(properties));
        }
    }
}
