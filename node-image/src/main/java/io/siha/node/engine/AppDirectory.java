package io.siha.node.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the Siddhi apps of a directory: every regular file ending in {@code .siddhi}, in name order. In
 * Kubernetes this is the mounted ConfigMap, whose keys appear as files (next to hidden {@code ..data} links,
 * which are skipped).
 */
public final class AppDirectory {

    public static final String SUFFIX = ".siddhi";

    private AppDirectory() {
    }

    public static List<AppSource> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidAppException("apps directory " + directory + " does not exist or is not a directory");
        }
        List<AppSource> apps = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX) && !name.startsWith(".") && Files.isRegularFile(file)) {
                    apps.add(new AppSource(name, Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new InvalidAppException("cannot read apps directory " + directory + ": " + e.getMessage(), e);
        }
        if (apps.isEmpty()) {
            throw new InvalidAppException("no *" + SUFFIX + " app in " + directory);
        }
        return apps;
    }
}
