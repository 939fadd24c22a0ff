package io.siha.node.source;

import io.siddhi.core.stream.input.source.SourceHandler;
import io.siddhi.core.stream.input.source.SourceHandlerManager;

/** Gives every {@code @source} of every app an {@link HaSourceHandler} feeding {@code intake}. */
public final class HaSourceHandlerManager extends SourceHandlerManager {

    private final SourceIntake intake;

    public HaSourceHandlerManager(SourceIntake intake) {
        this.intake = intake;
    }

    @Override
    public SourceHandler generateSourceHandler() {
        return new HaSourceHandler(intake);
    }
}
