package io.siha.node.ha;

import io.siha.node.engine.AppShape;
import io.siha.node.state.NodeSnapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether a snapshot's state fits the apps this node runs: for each app whose state would be lost or misplaced by a
 * restore, what changed since the snapshot was taken. Snapshots written before shapes were kept (format 1) are taken
 * as fitting, as they always were.
 *
 * @param misfits by app name, the changes that lose state ({@link AppShape#changesThatLoseState})
 */
record StateFit(Map<String, List<String>> misfits) {

    StateFit {
        misfits = Map.copyOf(misfits);
    }

    static StateFit of(NodeSnapshot snapshot, Map<String, AppShape> now) {
        Map<String, List<String>> misfits = new LinkedHashMap<>();
        snapshot.appShapes().forEach((app, lines) -> {
            AppShape current = now.get(app);
            List<String> changes = current == null ? List.of("the app is gone")
                    : AppShape.fromLines(lines).changesThatLoseState(current);
            if (!changes.isEmpty()) {
                misfits.put(app, changes);
            }
        });
        return new StateFit(misfits);
    }

    boolean fits() {
        return misfits.isEmpty();
    }

    /** The states of the apps the snapshot fits, to restore; the others start empty. */
    Map<String, byte[]> fitting(Map<String, byte[]> states) {
        Map<String, byte[]> fitting = new LinkedHashMap<>(states);
        fitting.keySet().removeAll(misfits.keySet());
        return fitting;
    }

    /** E.g. {@code app 'Counter': table Totals was (region string), is (region string, city string)}. */
    String describe() {
        return misfits.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(app -> "app '" + app.getKey() + "': " + String.join("; ", app.getValue()))
                .collect(Collectors.joining(" | "));
    }
}
