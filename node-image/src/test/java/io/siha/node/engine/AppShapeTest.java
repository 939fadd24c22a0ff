package io.siha.node.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which changes to an app lose or misplace the state of a snapshot taken before them. Siddhi 5.1 restores every one of
 * these changes without an error (the README's "Changing an app" has the probe), which is why the node compares.
 */
class AppShapeTest {

    private static final String APP = """
            @app:name('A')
            define stream In (k string, v long);
            define table T (k string, n long);
            @info(name = 'q1')
            from In#window.length(5) select k, count() as n group by k update or insert into T set T.n = n on T.k == k;
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a window's parameter     | length(5)          | length(3)",
            "a filter                 | from In#            | from In[v > 0]#",
            "a new stream             | define table T      | define stream Extra (x int); define table T",
            "a new table              | define table T      | define table U (x int); define table T",
            "a new named query        | on T.k == k;        | on T.k == k; @info(name = 'q2') from In select k insert into Out;",
    })
    void keepsItsShapeWhenOnly(String change, String from, String to) {
        assertThat(shapeOf(APP).changesThatLoseState(shapeOf(APP.replace(from, to)))).as(change).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "table column added       | (k string, n long)  | (k string, n long, z string)  | table T was (k string, n long), is (k string, n long, z string)",
            "stream column added      | (k string, v long)  | (k string, v long, w int)      | stream In was (k string, v long), is (k string, v long, w int)",
            "window type              | #window.length(5)   | #window.lengthBatch(5)         | query q1 was from In#window.length group by k, is from In#window.lengthBatch group by k",
            "query renamed            | 'q1'                | 'q9'                           | query q1 is gone (was from In#window.length group by k)",
            "group by changed         | group by k          | group by k, v                  | query q1 was from In#window.length group by k, is from In#window.length group by k, v",
    })
    void losesStateWhen(String change, String from, String to, String reported) {
        String changed = APP.replace(from, to);
        if (change.startsWith("table")) {
            changed = changed.replace("count() as n", "count() as n, 'x' as z")
                    .replace("set T.n = n", "set T.n = n, T.z = z");
        }
        assertThat(shapeOf(APP).changesThatLoseState(shapeOf(changed))).as(change).contains(reported);
    }

    @Test
    void anUnnamedQueryInsertedBeforeAnotherMovesItsStateToTheWrongQuery() {
        String unnamed = APP.replace("@info(name = 'q1')\n", "");
        String inserted = unnamed.replace("from In#window",
                "from In#window.time(1 min) select k insert into Out;\nfrom In#window");

        assertThat(shapeOf(unnamed).changesThatLoseState(shapeOf(inserted)))
                .contains("unnamed query #0 was from In#window.length group by k, is from In#window.time");
    }

    @Test
    void linesReadBackToTheSameShapeAndBadLinesAreRefused() {
        AppShape shape = shapeOf(APP);

        assertThat(AppShape.fromLines(shape.lines())).isEqualTo(shape);
        assertThatThrownBy(() -> AppShape.fromLines(List.of("no tab here")))
                .hasMessageContaining("not a line of an app's shape");
    }

    private static final String COUNTING = """
            @app:name('A')
            define stream In (k string);
            define table T (k string, n long);
            @info(name = 'q1')
            from In select k, count() as n group by k update or insert into T set T.n = n on T.k == k;
            """;

    /** Why the node compares: Siddhi takes the state of an earlier app into a changed one without an error. */
    @Test
    void siddhiRestoresIntoAChangedAppWithoutAnErrorDroppingARenamedQuerysStateAndKeepingRetypedRows()
            throws Exception {
        byte[] threeCounted = stateAfter(COUNTING, 3);

        assertThat(countAfterRestoreAndOneMore(COUNTING, threeCounted)).isEqualTo(4L);
        // Renamed: the table's row comes back, the query's count starts again, and nothing says so.
        assertThat(countAfterRestoreAndOneMore(COUNTING.replace("'q1'", "'q9'"), threeCounted)).isEqualTo(1L);
        // Retyped column: the old row comes back into the int column as it was.
        String retyped = COUNTING.replace("n long", "n int").replace("count() as n", "cast(count(), 'int') as n");
        try (SiddhiEngine engine = started(retyped)) {
            engine.restore(Map.of("A", threeCounted));
            assertThat(engine.query("A", "from T select n")).singleElement()
                    .satisfies(row -> assertThat(row[0]).isEqualTo(3L));
        }
    }

    private static byte[] stateAfter(String app, int events) {
        try (SiddhiEngine engine = started(app)) {
            for (int i = 0; i < events; i++) {
                engine.input("A", "In").send(1_000 + i, new Object[] {"a"});
            }
            return engine.snapshot().get("A");
        }
    }

    private static Object countAfterRestoreAndOneMore(String app, byte[] state) throws Exception {
        try (SiddhiEngine engine = started(app)) {
            engine.restore(Map.of("A", state));
            engine.input("A", "In").send(2_000, new Object[] {"a"});
            return engine.query("A", "from T select n").get(0)[0];
        }
    }

    private static SiddhiEngine started(String app) {
        SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("a.siddhi", app)));
        engine.start();
        return engine;
    }

    private static AppShape shapeOf(String app) {
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("a.siddhi", app)))) {
            return engine.shapes().get("A");
        }
    }
}
