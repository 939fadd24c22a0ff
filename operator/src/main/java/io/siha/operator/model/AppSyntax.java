package io.siha.operator.model;

import io.siddhi.query.api.SiddhiApp;
import io.siddhi.query.api.annotation.Annotation;
import io.siddhi.query.api.exception.SiddhiAppContextException;
import io.siddhi.query.compiler.SiddhiCompiler;

/**
 * Parses a Siddhi app with Siddhi's compiler alone, as the node will, so that a spec whose app does not parse is
 * reported in {@code InvalidSpec} naming the app, the line and the column, before any pod runs it: otherwise it shows
 * only as a pod that stops at start, over and over. What the compiler cannot know (an extension the node lacks, a
 * port already taken) still stops the node, with a message naming it.
 */
final class AppSyntax {

    /** An app's text as the compiler read it. */
    sealed interface Result {
    }

    /** It parses and names itself: what the operator reads from it next (its sources' ports) comes from {@code app}. */
    record Parsed(SiddhiApp app) implements Result {
    }

    /** It cannot run; {@code problem} says why, to follow the app's name in a spec problem. */
    record Refused(String problem) implements Result {
    }

    private AppSyntax() {
    }

    static Result parse(String siddhi) {
        SiddhiApp app;
        try {
            app = SiddhiCompiler.parse(siddhi);
        } catch (RuntimeException e) {
            return new Refused(e instanceof SiddhiAppContextException located ? describe(located)
                    : "does not parse: " + e.getMessage());
        }
        boolean named = app.getAnnotations().stream().map(Annotation::getName).anyMatch("name"::equalsIgnoreCase);
        return named ? new Parsed(app) : new Refused("has no @app:name('...'); the name is part of its ingest URL "
                + "and of its persisted state, so it must be stable");
    }

    private static String describe(SiddhiAppContextException e) {
        int[] start = e.getQueryContextStartIndex();
        String where = start != null && start.length == 2 ? " at line " + start[0] + ", column " + start[1] : "";
        return "does not parse" + where + ": " + e.getMessageWithOutContext();
    }
}
