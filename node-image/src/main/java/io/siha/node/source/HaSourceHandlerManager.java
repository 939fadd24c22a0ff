package io.siha.node.source;

import io.siddhi.core.stream.input.source.SourceHandler;
import io.siddhi.core.stream.input.source.SourceHandlerManager;
import io.siha.node.ingest.InputSource;

/** Gives every {@code @source} of every app an {@link HaSourceHandler} feeding {@code intake}. */
public final class HaSourceHandlerManager extends SourceHandlerManager {

    private final SourceIntake intake;

    public HaSourceHandlerManager(SourceIntake intake) {
        this.intake = intake;
    }

    /** Siddhi sets the source's type ({@link #getSourceType()}) just before it asks for each source's handler. */
    @Override
    public SourceHandler generateSourceHandler() {
        return new HaSourceHandler(intake, InputSource.appSource(getSourceType()));
    }
}
