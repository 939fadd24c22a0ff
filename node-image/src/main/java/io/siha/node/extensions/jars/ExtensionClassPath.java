package io.siha.node.extensions.jars;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * Puts the extension jars where their classes are loaded from, behind the node's own (parent first, as a class path
 * is searched): a jar bundling siddhi-core, Netty or a mapper runs against the node's copy.
 *
 * <p>The system class loader's own search path when the JVM gives the node its {@link Instrumentation}
 * ({@link LauncherAgent}), because Siddhi reads a snapshot back with a plain {@code ObjectInputStream}, which finds
 * classes through siddhi-core's class loader only: an extension whose state holds an object of its own class restores
 * only when that loader sees the class. A takeover that cannot restore never completes. (JDBC drivers and other
 * {@code ServiceLoader} providers in the jars are found there too.) Without the instrumentation, a class loader of
 * their own, and a warning that says what that costs.
 */
final class ExtensionClassPath {

    private static final Logger log = LoggerFactory.getLogger(ExtensionClassPath.class);

    private ExtensionClassPath() {
    }

    /** The loader to load the jars' classes with; called once per process. */
    static ClassLoader of(List<Path> jars) {
        Optional<Instrumentation> instrumentation = LauncherAgent.instrumentation();
        if (instrumentation.isPresent()) {
            for (Path jar : jars) {
                try {
                    instrumentation.get().appendToSystemClassLoaderSearch(new JarFile(jar.toFile()));
                } catch (IOException e) {
                    throw new InvalidExtensionJarException(jar, "cannot be read: " + e.getMessage(), e);
                }
            }
            return ClassLoader.getSystemClassLoader();
        }
        log.warn("this JVM was not started as java -jar si-ha-node.jar (nor with -javaagent:si-ha-node.jar), so the "
                + "extension jars get a class loader of their own: a snapshot holding an object of an extension's own"
                + " class cannot be restored, and a takeover with such a snapshot does not complete");
        // Lives as long as the process: the extensions' classes are used by every engine the node builds.
        return new URLClassLoader("siha-extensions", urls(jars), ExtensionClassPath.class.getClassLoader());
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new InvalidExtensionJarException(jars.get(i), "has no URL form: " + e.getMessage(), e);
            }
        }
        return urls;
    }
}
