package io.siha.node.extensions.jars;

import io.siddhi.annotation.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads the users' extension jars of {@code SIHA_EXTENSIONS_DIR}, once per process: every {@code *.jar} of the
 * directory (not its subdirectories) goes on the extensions' class path ({@link ExtensionClassPath}), as SI's
 * {@code lib} directory goes on its class path, so an extension's jar may leave its libraries to jars of their own
 * next to it.
 *
 * <p>Every class annotated {@code @Extension} ({@link ExtensionCandidates}) is loaded, initialised and its signatures
 * resolved here ({@link ExtensionClassCheck}), so a missing dependency stops the node at start, naming the jar and the
 * class, instead of failing an app later. Each failure throws {@link InvalidExtensionJarException}: a jar that cannot
 * be read, a class that cannot be loaded or created, the same extension class in two jars, two extensions under one
 * key, an extension under the key of one of the node's. A jar without any extension is only a warning: it is what a
 * library jar next to an extension's jar looks like.
 */
public final class ExtensionJars {

    private static final Logger log = LoggerFactory.getLogger(ExtensionJars.class);

    private ExtensionJars() {
    }

    /**
     * The extensions of every jar in {@code directory}, in jar name order; throws naming the first bad jar.
     *
     * @param nodeExtensions the extensions the node has without the jars, by key: a jar's extension under one of these
     *                       keys is refused (replacing it would change what every app using it does, silently)
     */
    public static List<UserExtension> load(Path directory, Map<String, Class<?>> nodeExtensions) {
        List<Path> jars = jarsIn(directory);
        if (jars.isEmpty()) {
            log.info("no *.jar in {}: the apps have the node's own extensions only", directory);
            return List.of();
        }
        Map<Path, List<String>> candidates = new LinkedHashMap<>();
        for (Path jar : jars) {
            candidates.put(jar, ExtensionCandidates.in(jar));
        }
        ClassLoader loader = ExtensionClassPath.of(jars);
        Map<String, UserExtension> byKey = new LinkedHashMap<>();
        for (Map.Entry<Path, List<String>> jar : candidates.entrySet()) {
            for (UserExtension extension : extensionsOf(jar.getKey(), jar.getValue(), jars, loader)) {
                Class<?> nodes = nodeExtensions.get(extension.key());
                if (nodes != null) {
                    throw new InvalidExtensionJarException(jar.getKey(), "its extension " + extension + " has the "
                            + "key of the node's own extension " + nodes.getName() + "; give it another namespace or "
                            + "name");
                }
                UserExtension twin = byKey.putIfAbsent(extension.key(), extension);
                if (twin != null) {
                    throw new InvalidExtensionJarException(jar.getKey(), "its extension " + extension
                            + " has the key of extension " + twin + "; an app could not tell them apart");
                }
                log.info("extension {} loaded", extension);
            }
        }
        return List.copyOf(byKey.values());
    }

    private static List<UserExtension> extensionsOf(Path jar, List<String> classNames, List<Path> jars,
                                                    ClassLoader loader) {
        List<UserExtension> found = new ArrayList<>();
        List<String> nodesOwn = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type = ExtensionClassCheck.load(jar, name, loader);
            if (!type.isAnnotationPresent(Extension.class)) {
                continue; // it names the annotation's type without carrying it (a method taking one, say)
            }
            Optional<Path> origin = origin(type);
            if (origin.isEmpty() || !jars.contains(origin.get())) {
                nodesOwn.add(name);
                continue;
            }
            if (!origin.get().equals(jar)) {
                throw new InvalidExtensionJarException(jar, "its class " + name + " is also in " + origin.get()
                        + ", whose copy is the one loaded (two versions of one extension?); keep one of the jars");
            }
            if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())
                    || !hasPublicNoArgumentConstructor(type)) {
                throw new InvalidExtensionJarException(jar, "its extension class " + name + " must be public, not "
                        + "abstract, with a public constructor without arguments: Siddhi creates one with it for "
                        + "each use in an app");
            }
            found.add(new UserExtension(ExtensionKey.of(type), type, jar));
        }
        if (!nodesOwn.isEmpty()) {
            log.warn("extension jar {} bundles {} extension classes the node has itself ({}...): the node's own are "
                    + "used", jar, nodesOwn.size(), nodesOwn.get(0));
        }
        if (found.isEmpty() && nodesOwn.isEmpty()) {
            log.warn("extension jar {} holds no Siddhi extension (no class annotated @io.siddhi.annotation.Extension):"
                    + " it is on the extensions' class path as a library only", jar);
        }
        return found;
    }

    private static boolean hasPublicNoArgumentConstructor(Class<?> type) {
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static List<Path> jarsIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            // Hidden names are skipped as in the apps directory (a mounted volume's ..data entries).
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(file -> !Files.isDirectory(file))
                    .map(file -> file.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the extensions directory " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** The jar or directory a class was read from; empty for a class without one (the JDK's). */
    private static Optional<Path> origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
