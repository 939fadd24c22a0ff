package io.siha.node.engine;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a passive can keep the active's state by applying the same events in the same order: Siddhi computes the same
 * state from them only if nothing else moves it. A wall-clock window or timer runs on each node's own clock, playback's
 * {@code idle.time} moves the clock while no event comes, and a {@code @store} table lives outside the runtime (the
 * standby must not write it, and the active's writes are not the standby's). Any of these keeps the node cold.
 */
public final class HotStandbyEligibility {

    private static final Pattern IDLE_TIME = Pattern.compile("@app:playback\\s*\\([^)]*\\bidle\\.time\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STORE = Pattern.compile("@store\\s*\\(", Pattern.CASE_INSENSITIVE);

    private HotStandbyEligibility() {
    }

    /** Why these apps need a cold standby, naming the first app and construct found; empty if a hot one can run. */
    public static Optional<String> coldReason(List<AppSource> apps) {
        for (AppSource app : apps) {
            Optional<String> reason = coldReason(app.siddhi());
            if (reason.isPresent()) {
                return Optional.of(app.fileName() + " has " + reason.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> coldReason(String appText) {
        Optional<String> clock = WallClockConstructs.first(appText);
        if (clock.isPresent()) {
            return clock;
        }
        String code = WallClockConstructs.blankCommentsAndStrings(appText);
        if (IDLE_TIME.matcher(code).find()) {
            return Optional.of("@app:playback with idle.time (it moves the clock on a timer)");
        }
        if (STORE.matcher(code).find()) {
            return Optional.of("a @store table (kept outside the runtime, written by the active only)");
        }
        return Optional.empty();
    }
}
