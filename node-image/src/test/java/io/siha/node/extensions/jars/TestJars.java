package io.siha.node.extensions.jars;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Real extension jars, built while a test runs: Java sources compiled by the JDK's compiler against the test's class
 * path (siddhi-core and the rest), then packed as a jar. Annotation processors are off, as in a build that runs none
 * (Gradle without an annotationProcessor configuration), so the jars have no Siddhi class index.
 */
public final class TestJars {

    private TestJars() {
    }

    /**
     * Compiles {@code sources} (a class's binary name to its source) in {@code work} and writes {@code jarName} into
     * {@code directory} with every class compiled except those of the classes named in {@code leftOut} (a dependency
     * the jar lacks, say).
     */
    public static Path build(Path work, Path directory, String jarName, Map<String, String> sources,
                             Set<String> leftOut) {
        try {
            Path src = Files.createTempDirectory(work, "src");
            Path classes = Files.createTempDirectory(work, "classes");
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            compile(classes, files);
            Files.createDirectories(directory);
            Path jar = directory.resolve(jarName);
            pack(classes, jar, leftOut);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A jar of a manifest only, naming {@code agentClass} (on the test's class path) as its {@code Premain-Class}: what
     * {@code -javaagent:} needs to hand a JVM's instrumentation to the class, as the fat jar's own manifest does.
     */
    static Path agent(Path jar, Class<?> agentClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", agentClass.getName());
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    private static void compile(Path classes, List<String> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path")));
        arguments.addAll(files);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the test extension does not compile:\n"
                    + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static void pack(Path classes, Path jar, Set<String> leftOut) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> all = Files.walk(classes)) {
            for (Path path : all.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(path).toString().replace('\\', '/');
                String outer = entry.replaceFirst("(\\$.*)?\\.class$", "").replace('/', '.');
                if (!leftOut.contains(outer)) {
                    out.putNextEntry(new JarEntry(entry));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
        }
    }
}
