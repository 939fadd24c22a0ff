package io.siha.node.ha;

import io.siha.node.engine.AppShape;
import io.siha.node.state.NodeSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class StateFitTest {

    private static final AppShape COUNTER = new AppShape(new TreeMap<>(Map.of("table Totals", "(region string)")));
    private static final AppShape ALERTS = new AppShape(new TreeMap<>(Map.of("stream Alerts", "(id string)")));

    @Test
    void onlyTheAppsTheSnapshotDoesNotFitAreLeftOutOfTheRestore() {
        AppShape widened = new AppShape(new TreeMap<>(Map.of("table Totals", "(region string, city string)")));
        NodeSnapshot snapshot = snapshot(Map.of("Counter", COUNTER, "Alerts", ALERTS));

        StateFit fit = StateFit.of(snapshot, Map.of("Counter", widened, "Alerts", ALERTS));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.fitting(snapshot.appStates())).containsOnlyKeys("Alerts");
        assertThat(fit.describe()).isEqualTo(
                "app 'Counter': table Totals was (region string), is (region string, city string)");
    }

    @Test
    void anAppThatIsGoneLosesItsStateAndSoDoesNotFit() {
        StateFit fit = StateFit.of(snapshot(Map.of("Counter", COUNTER, "Alerts", ALERTS)), Map.of("Alerts", ALERTS));

        assertThat(fit.describe()).isEqualTo("app 'Counter': the app is gone");
    }

    @Test
    void aNewAppAndASnapshotWithoutShapesFit() {
        assertThat(StateFit.of(snapshot(Map.of("Counter", COUNTER)), Map.of("Counter", COUNTER, "Alerts", ALERTS))
                .fits()).isTrue();
        NodeSnapshot formatOne = new NodeSnapshot(5, Map.of("Counter", new byte[] {1}), List.of(), Map.of());
        assertThat(StateFit.of(formatOne, Map.of("Counter", COUNTER)).fits()).isTrue();
    }

    private static NodeSnapshot snapshot(Map<String, AppShape> shapes) {
        Map<String, byte[]> states = new TreeMap<>();
        shapes.keySet().forEach(app -> states.put(app, new byte[] {1, 2}));
        return new NodeSnapshot(10, states, List.of(), AppShape.linesByApp(shapes));
    }
}
