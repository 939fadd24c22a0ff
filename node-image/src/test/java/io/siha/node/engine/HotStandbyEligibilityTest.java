package io.siha.node.engine;

import io.siha.node.demo.Demo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HotStandbyEligibilityTest {

    @Test
    void anAppOfItsEventsAloneCanRunHot() {
        assertThat(HotStandbyEligibility.coldReason(List.of(app("counter.siddhi", Demo.SAMPLE_APP)))).isEmpty();
    }

    @Test
    void eachConstructThatMovesStateOutsideTheEventsKeepsTheNodeColdAndIsNamed() {
        assertThat(reason("""
                @app:name('W')
                define stream S (v long);
                from S#window.time(5 sec) select sum(v) as total insert into T;
                """)).contains("w.siddhi has a time-based window at line 3");
        assertThat(reason("""
                @app:name('W') @app:playback(idle.time = '100 millisecond', increment = '1 sec')
                define stream S (v long);
                from S#window.time(5 sec) select sum(v) as total insert into T;
                """)).contains("w.siddhi has @app:playback with idle.time");
        assertThat(reason("""
                @app:name('W')
                define stream S (v long);
                @store(type='rdbms', jdbc.url='jdbc:postgresql://db/x')
                define table T (v long);
                from S insert into T;
                """)).contains("w.siddhi has a @store table");
        assertThat(reason("""
                @app:name('W')
                define stream S (v long);
                from S select UUID() as id insert into T;
                """)).contains("w.siddhi has UUID() at line 3");
    }

    @Test
    void onEventTimeAWindowCanRunHotAndCommentsOrStringsDoNotCount() {
        assertThat(reason("""
                @app:name('W') @app:playback
                define stream S (v long, note string);
                -- @store(type='rdbms') would be a store
                from S[note != '@store(type=x)']#window.time(5 sec) select sum(v) as total insert into T;
                """)).isEmpty();
    }

    private static String reason(String siddhi) {
        return HotStandbyEligibility.coldReason(List.of(app("w.siddhi", siddhi))).orElse("");
    }

    private static AppSource app(String file, String siddhi) {
        return new AppSource(file, siddhi);
    }
}
