package io.siha.node.source;

import io.siddhi.core.stream.input.source.SourceHandler;
import io.siddhi.core.stream.input.source.SourceHandlerManager;
import io.siha.node.ingest.InputSource;

/**
 * Gives every {@code @source} of every app an {@link HaSourceHandler} feeding {@code intake}, and passes a takeover's
 * replayed event ids to the sources of their streams ({@link #replayed}).
 */
public final class HaSourceHandlerManager extends SourceHandlerManager {

    private final SourceIntake intake;
    private final SourceSyncCallbacks syncCallbacks = new SourceSyncCallbacks();

    public HaSourceHandlerManager(SourceIntake intake) {
        this.intake = intake;
    }

    /** Siddhi sets the source's type ({@link #getSourceType()}) just before it asks for each source's handler. */
    @Override
    public SourceHandler generateSourceHandler() {
        return new HaSourceHandler(intake, syncCallbacks, InputSource.appSource(getSourceType()));
    }

    /**
     * A takeover's replay processed an event with {@code eventId} (not null) on {@code app}/{@code stream}: the sources
     * of that stream that want to know (a Kafka source, to resume after the record) are told through their
     * {@code SourceSyncCallback}.
     */
    public void replayed(String app, String stream, String eventId) {
        syncCallbacks.replayed(app, stream, eventId);
    }
}
