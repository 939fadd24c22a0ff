package io.siha.node.store;

import io.siddhi.annotation.Extension;
import io.siddhi.core.exception.ConnectionUnavailableException;
import io.siddhi.core.table.record.AbstractRecordTable;
import io.siddhi.core.table.record.ExpressionBuilder;
import io.siddhi.core.table.record.RecordIterator;
import io.siddhi.core.util.collection.operator.CompiledCondition;
import io.siddhi.core.util.collection.operator.CompiledExpression;
import io.siddhi.core.util.config.ConfigReader;
import io.siddhi.query.api.annotation.Annotation;
import io.siddhi.query.api.definition.Attribute;
import io.siddhi.query.api.definition.TableDefinition;
import io.siddhi.query.api.util.AnnotationHelper;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A test {@code @store(type='pgrows', jdbc.url='...', table.name='...')} that appends every row Siddhi adds to a real
 * PostgreSQL table, one INSERT per row, so a test can count what the pair wrote. No RDBMS store of Siddhi's resolves
 * on the registries here; this stands in for one on the write path only: it supports {@code insert into} and nothing
 * that needs a condition (those throw, naming what is missing).
 */
@Extension(name = "pgrows", namespace = "store", description = "Appends rows to a PostgreSQL table (tests only).")
public final class PostgresRowsStore extends AbstractRecordTable {

    private String url;
    private String tableName;
    private List<Attribute> columns;
    private Connection connection;

    @Override
    protected void init(TableDefinition definition, ConfigReader configReader) {
        Annotation store = AnnotationHelper.getAnnotation("store", definition.getAnnotations());
        url = store.getElement("jdbc.url");
        tableName = store.getElement("table.name");
        if (url == null || tableName == null || !tableName.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("@store(type='pgrows') needs jdbc.url and a lower-case table.name");
        }
        columns = definition.getAttributeList();
    }

    @Override
    protected void connect() throws ConnectionUnavailableException {
        try {
            connection = DriverManager.getConnection(url, "postgres", "postgres");
            String ddl = columns.stream().map(c -> c.getName() + " " + sqlType(c.getType()))
                    .collect(Collectors.joining(", "));
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS " + tableName + " (" + ddl + ")");
        } catch (SQLException e) {
            throw new ConnectionUnavailableException("cannot reach " + url + ": " + e.getMessage(), e);
        }
    }

    private static String sqlType(Attribute.Type type) {
        return switch (type) {
            case STRING -> "text";
            case INT, LONG -> "bigint";
            case FLOAT, DOUBLE -> "double precision";
            case BOOL -> "boolean";
            default -> throw new IllegalArgumentException("the test store has no column type for " + type);
        };
    }

    @Override
    protected synchronized void add(List<Object[]> records) throws ConnectionUnavailableException {
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + tableName + " VALUES (" + marks + ")")) {
            for (Object[] record : records) {
                for (int i = 0; i < record.length; i++) {
                    insert.setObject(i + 1, record[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new ConnectionUnavailableException("insert into " + tableName + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void disconnect() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing a connection to a test database: nothing left to do
        }
    }

    @Override
    protected void destroy() {
        disconnect();
    }

    private static UnsupportedOperationException appendOnly(String what) {
        return new UnsupportedOperationException("the test store 'pgrows' only appends rows; it has no " + what);
    }

    @Override
    protected RecordIterator<Object[]> find(Map<String, Object> parameters, CompiledCondition condition) {
        throw appendOnly("find");
    }

    @Override
    protected boolean contains(Map<String, Object> parameters, CompiledCondition condition) {
        throw appendOnly("contains");
    }

    @Override
    protected void delete(List<Map<String, Object>> parameters, CompiledCondition condition) {
        throw appendOnly("delete");
    }

    @Override
    protected void update(CompiledCondition condition, List<Map<String, Object>> parameters,
                          Map<String, CompiledExpression> sets, List<Map<String, Object>> setParameters) {
        throw appendOnly("update");
    }

    @Override
    protected void updateOrAdd(CompiledCondition condition, List<Map<String, Object>> parameters,
                               Map<String, CompiledExpression> sets, List<Map<String, Object>> setParameters,
                               List<Object[]> records) {
        throw appendOnly("update or insert");
    }

    @Override
    protected CompiledCondition compileCondition(ExpressionBuilder builder) {
        throw appendOnly("conditions");
    }

    @Override
    protected CompiledExpression compileSetAttribute(ExpressionBuilder builder) {
        throw appendOnly("set clauses");
    }
}
