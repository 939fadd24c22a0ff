package io.siha.node.extensions.jars;

import io.siddhi.annotation.Extension;

/** The key Siddhi looks an extension up by: {@code namespace:name} of its {@link Extension}, or the name alone. */
public final class ExtensionKey {

    private ExtensionKey() {
    }

    /** {@code extension}'s key; throws when the class has no {@link Extension} annotation. */
    public static String of(Class<?> extension) {
        Extension annotation = extension.getAnnotation(Extension.class);
        if (annotation == null) {
            throw new IllegalArgumentException(extension.getName() + " has no @Extension annotation");
        }
        return annotation.namespace().isEmpty() ? annotation.name() : annotation.namespace() + ":" + annotation.name();
    }
}
