package io.siha.api.v1alpha1;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the checked-in CRD has that Fabric8's generator (7.5.2) cannot write: the printer columns in the order of
 * {@link SiHaCluster#PRINTER_COLUMNS} (the generator sorts them by JSON path, which put AGE first) and the resource's
 * own description ({@link SiHaCluster#DESCRIPTION}). Applied to the generator's text, line by line, so every other
 * line stays the generator's.
 */
final class CrdPostProcessing {

    private static final String COLUMNS_START = "  - additionalPrinterColumns:";
    private static final String COLUMN_START = "    - ";
    private static final String SCHEMA = "      openAPIV3Schema:";
    private static final Pattern COLUMN_NAME = Pattern.compile("^      name: \"([A-Z]+)\"$");

    private CrdPostProcessing() {
    }

    static String apply(String generated) {
        List<String> lines = new ArrayList<>(generated.lines().toList());
        orderColumns(lines);
        describeSchema(lines);
        return String.join("\n", lines) + "\n";
    }

    private static void orderColumns(List<String> lines) {
        int start = lines.indexOf(COLUMNS_START) + 1;
        if (start == 0) {
            throw new IllegalStateException("the generated CRD has no additionalPrinterColumns");
        }
        int end = start;
        while (end < lines.size() && (lines.get(end).startsWith(COLUMN_START) || lines.get(end).startsWith("      "))) {
            end++;
        }
        List<List<String>> columns = new ArrayList<>();
        for (String line : lines.subList(start, end)) {
            if (line.startsWith(COLUMN_START)) {
                columns.add(new ArrayList<>());
            }
            columns.get(columns.size() - 1).add(line);
        }
        columns.sort(Comparator.comparingInt(CrdPostProcessing::position));
        List<String> ordered = columns.stream().flatMap(List::stream).toList();
        lines.subList(start, end).clear();
        lines.addAll(start, ordered);
    }

    private static int position(List<String> column) {
        for (String line : column) {
            Matcher name = COLUMN_NAME.matcher(line.replace(COLUMN_START, "      "));
            if (name.matches()) {
                int position = SiHaCluster.PRINTER_COLUMNS.indexOf(name.group(1));
                if (position < 0) {
                    throw new IllegalStateException("printer column " + name.group(1)
                            + " is not in SiHaCluster.PRINTER_COLUMNS");
                }
                return position;
            }
        }
        throw new IllegalStateException("a printer column without a name: " + column);
    }

    /** Before {@code properties}, where the generator writes a description (its keys are sorted). */
    private static void describeSchema(List<String> lines) {
        int schema = lines.indexOf(SCHEMA);
        if (schema < 0) {
            throw new IllegalStateException("the generated CRD has no openAPIV3Schema");
        }
        String escaped = SiHaCluster.DESCRIPTION.replace("\\", "\\\\").replace("\"", "\\\"");
        lines.add(schema + 1, "        description: \"" + escaped + "\"");
    }
}
