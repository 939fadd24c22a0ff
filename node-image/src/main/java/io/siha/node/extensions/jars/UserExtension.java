package io.siha.node.extensions.jars;

import java.nio.file.Path;

/**
 * One Siddhi extension of a user's jar, loaded and checked: the key apps name it by ({@code namespace:name} of its
 * {@code @Extension}, as {@code custom:plus} in {@code custom:plus(a, b)}), its class and the jar it came from.
 */
public record UserExtension(String key, Class<?> type, Path jar) {

    @Override
    public String toString() {
        return "'" + key + "' (" + type.getName() + " from " + jar + ")";
    }
}
