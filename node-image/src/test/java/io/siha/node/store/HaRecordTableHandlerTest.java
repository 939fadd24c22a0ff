package io.siha.node.store;

import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siha.node.engine.OutputGate;
import io.siha.node.output.OutputId;
import io.siha.node.output.OutputOrigin;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store handler against a real PostgreSQL table: two terms of one app, the second replaying inputs the first
 * processed, as a takeover does. Each order writes one row, and a second (doubled) for amounts over 100, so some
 * inputs write twice and a mark can fall between the two writes of one input.
 */
class HaRecordTableHandlerTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @Test
    void aReplayWritesOnlyWhatTheEarlierTermHadNotWritten() throws Exception {
        String table = newTable();
        Term first = new Term(table);
        first.process(1, 57);
        // The old active's last mark its passive heard: the second of input 57's two writes (57 * 3 > 100).
        Map<String, OutputId> heard = first.tables.writtenMarks();
        assertThat(heard).hasSize(1).containsValue(new OutputId(57, 1));
        first.close(); // SIGKILLed right here: nothing after input 57 was processed

        Term second = new Term(table);
        second.tables.advanceWritten(heard);
        second.process(41, 100); // the replay from the snapshot at 40, then new inputs

        assertThat(rows(table)).isEqualTo(expectedRows(1, 100));
        second.close();
    }

    @Test
    void writesNewerThanTheLastMarkHeardAreMadeAgain() throws Exception {
        String table = newTable();
        Term first = new Term(table);
        first.process(1, 60);
        String key = first.tables.writtenMarks().keySet().iterator().next();
        // The mark went out between input 57's two writes; what the first term wrote after it, the passive never heard.
        Map<String, OutputId> heard = Map.of(key, new OutputId(57, 0));
        first.close();

        Term second = new Term(table);
        second.tables.advanceWritten(heard);
        second.process(41, 60);

        List<String> expected = new ArrayList<>(expectedRows(1, 60));
        expected.add("57:" + 57 * 6); // the documented repeat: the writes after the last mark heard, from there on
        expected.addAll(expectedRows(58, 60));
        assertThat(rows(table)).containsExactlyInAnyOrderElementsOf(expected);
        second.close();
    }

    @Test
    void aNodeWhoseTermHasNotStartedOrHasEndedWritesNothing() throws Exception {
        String table = newTable();
        Term term = new Term(table);
        term.gate.close();
        term.process(1, 10); // Siddhi logs the handler's refusal and drops the event: the node is fenced anyway
        assertThat(term.tables.writtenMarks()).isEmpty();
        term.close();
        assertThat(rows(table)).isEmpty();
    }

    private static String newTable() {
        return "ledger_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
    }

    /** What the app must have written for orders {@code from..to}: one row each, and a doubled one over 100. */
    private static List<String> expectedRows(long from, long to) {
        List<String> rows = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            rows.add(id + ":" + id * 3);
            if (id * 3 > 100) {
                rows.add(id + ":" + id * 6);
            }
        }
        return rows;
    }

    private static List<String> rows(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestDatabase.shared().connect();
             ResultSet result = connection.createStatement().executeQuery(
                     "SELECT id, amount FROM " + table + " ORDER BY id, amount")) {
            while (result.next()) {
                rows.add(result.getLong(1) + ":" + result.getLong(2));
            }
        }
        return rows;
    }

    /** One term of the app: its own Siddhi manager and handlers, as each takeover builds. */
    private static final class Term implements AutoCloseable {
        final OutputGate gate = new OutputGate();
        final HaRecordTableHandlerManager tables = new HaRecordTableHandlerManager(gate);
        final SiddhiManager manager = new SiddhiManager();
        final SiddhiAppRuntime runtime;

        Term(String table) {
            manager.setRecordTableHandlerManager(tables);
            manager.setExtension("store:pgrows", PostgresRowsStore.class);
            runtime = manager.createSiddhiAppRuntime("""
                    @app:name('Ledger')
                    define stream Orders (id long, amount long);
                    @store(type='pgrows', jdbc.url='%s', table.name='%s')
                    define table Ledger (id long, amount long);
                    from Orders select id, amount insert into Ledger;
                    from Orders[amount > 100] select id, amount * 2 as amount insert into Ledger;
                    """.formatted(TestDatabase.shared().jdbcUrl(), table));
            gate.startTerm();
            runtime.start();
        }

        void process(long from, long to) throws InterruptedException {
            for (long seq = from; seq <= to; seq++) {
                OutputOrigin.enter(seq);
                try {
                    runtime.getInputHandler("Orders").send(new Object[] {seq, seq * 3});
                } finally {
                    OutputOrigin.leave();
                }
            }
        }

        @Override
        public void close() {
            manager.shutdown();
        }
    }
}
