package io.siha.node.monitoring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's list of the node's metrics is the list the code exports, name and type. */
class ObservabilityReadmeTest {

    /** A row of the metric table: {@code | `siha_name` | type | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\| `(siha_[a-z0-9_]+)` \\| ([a-z]+) \\|", Pattern.MULTILINE);

    @Test
    void theMetricTableListsEveryNodeMetricWithItsType() throws IOException {
        Map<String, String> listed = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(MonitoringFiles.readme()));
        while (row.find()) {
            listed.put(row.group(1), row.group(2));
        }
        assertThat(listed).isEqualTo(NodeMetricFamilies.scraped());
    }
}
