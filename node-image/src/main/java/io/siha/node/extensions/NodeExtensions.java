package io.siha.node.extensions;

import io.siddhi.annotation.Extension;
import io.siddhi.core.SiddhiManager;
import io.siddhi.extension.map.json.sinkmapper.JsonSinkMapper;
import io.siddhi.extension.map.json.sourcemapper.JsonSourceMapper;
import io.siddhi.extension.map.text.sinkmapper.TextSinkMapper;
import io.siddhi.extension.map.text.sourcemapper.TextSourceMapper;
import io.siddhi.extension.map.xml.sinkmapper.XMLSinkMapper;
import io.siddhi.extension.map.xml.sourcemapper.XmlSourceMapper;

import java.util.List;

/**
 * The Siddhi extensions the node brings beyond siddhi-core's own ({@code inMemory}, {@code passThrough}, {@code log}):
 * the JSON, text and XML mappers of SI apps, for sources and sinks. Registered explicitly, under the key each class's
 * {@link Extension} annotation gives ({@code sourceMapper:json}, ...), rather than found through the class index the
 * mapper jars carry, so the fat jar needs no merged index and an extension missing from the build fails here, at
 * start, not when an app is parsed.
 */
public final class NodeExtensions {

    /** Every extension class this node registers. */
    static final List<Class<?>> CLASSES = List.of(
            JsonSourceMapper.class, JsonSinkMapper.class,
            TextSourceMapper.class, TextSinkMapper.class,
            XmlSourceMapper.class, XMLSinkMapper.class);

    private NodeExtensions() {
    }

    /** Registers the node's extensions on {@code manager}, before any app is parsed. */
    public static void register(SiddhiManager manager) {
        for (Class<?> extension : CLASSES) {
            String key = key(extension);
            // Siddhi also finds them through the class index of their jars (not in the fat jar, whose index is
            // siddhi-core's): registering one again would only log a warning.
            if (!extension.equals(manager.getExtensions().get(key))) {
                manager.setExtension(key, extension);
            }
        }
    }

    /** The key Siddhi looks an extension up by: {@code namespace:name} of its annotation. */
    static String key(Class<?> extension) {
        Extension annotation = extension.getAnnotation(Extension.class);
        if (annotation == null) {
            throw new IllegalArgumentException(extension.getName() + " has no @Extension annotation");
        }
        return annotation.namespace().isEmpty() ? annotation.name() : annotation.namespace() + ":" + annotation.name();
    }
}
