package io.siha.node.extensions.jars;

import java.nio.file.Path;

/**
 * Loads one candidate class of an extension jar as far as running it would: loaded, linked, initialised (its static
 * initialisers run) and its fields', methods' and constructors' types resolved. A class missing from every jar shows
 * here, at start, as an error naming the jar, the class and what it lacks, rather than when an app first uses it.
 */
final class ExtensionClassCheck {

    private static final String MISSING_HINT = "; put the jar holding it in SIHA_EXTENSIONS_DIR too, or build the "
            + "extension's jar with its dependencies";

    private ExtensionClassCheck() {
    }

    static Class<?> load(Path jar, String name, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(name, true, loader);
            type.getDeclaredFields();
            type.getDeclaredMethods();
            type.getDeclaredConstructors();
            return type;
        } catch (NoClassDefFoundError e) {
            throw new InvalidExtensionJarException(jar, "its class " + name + " cannot be loaded: it needs "
                    + e.getMessage().replace('/', '.') + ", which neither the node nor any extension jar has"
                    + MISSING_HINT, e);
        } catch (ExceptionInInitializerError e) {
            throw new InvalidExtensionJarException(jar, "its class " + name + " failed in its static initialiser: "
                    + e.getCause(), e);
        } catch (UnsupportedClassVersionError e) {
            throw new InvalidExtensionJarException(jar, "its class " + name + " was compiled for a newer Java than"
                    + " this node's " + Runtime.version().feature() + " (" + e.getMessage() + ")", e);
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            throw new InvalidExtensionJarException(jar, "its class " + name + " cannot be loaded: " + e, e);
        }
    }
}
