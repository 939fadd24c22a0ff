package io.siha.node.extensions;

import io.siddhi.annotation.Extension;
import io.siddhi.core.SiddhiManager;
import io.siddhi.core.config.SiddhiContext;
import io.siddhi.core.stream.input.source.SourceHandlerManager;
import io.siddhi.extension.map.json.sinkmapper.JsonSinkMapper;
import io.siddhi.extension.map.json.sourcemapper.JsonSourceMapper;
import io.siddhi.extension.map.text.sinkmapper.TextSinkMapper;
import io.siddhi.extension.map.text.sourcemapper.TextSourceMapper;
import io.siddhi.extension.map.xml.sinkmapper.XMLSinkMapper;
import io.siddhi.extension.map.xml.sourcemapper.XmlSourceMapper;
import io.siha.api.NodeEnv;
import io.siha.node.extensions.http.HttpReceivers;
import io.siha.node.extensions.http.HttpSource;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;

/**
 * The Siddhi extensions the node brings beyond siddhi-core's own ({@code inMemory}, {@code passThrough}, {@code log}):
 * the JSON, text and XML mappers of SI apps, for sources and sinks, and the HTTP source ({@link HttpSource}).
 * Registered explicitly, under the key each class's {@link Extension} annotation gives ({@code sourceMapper:json},
 * ...), rather than found through the class index the mapper jars carry, so the fat jar needs no merged index and an
 * extension missing from the build fails here, at start, not when an app is parsed.
 */
public final class NodeExtensions {

    /** Every extension class this node registers. */
    static final List<Class<?>> CLASSES = List.of(
            JsonSourceMapper.class, JsonSinkMapper.class,
            TextSourceMapper.class, TextSinkMapper.class,
            XmlSourceMapper.class, XMLSinkMapper.class,
            HttpSource.class);

    private NodeExtensions() {
    }

    /**
     * Registers the node's extensions on {@code manager}, after its source handler manager and before any app is
     * parsed; the HTTP sources that ask for a credential check the node's {@code SIHA_INGEST_TOKEN}.
     */
    public static void register(SiddhiManager manager) {
        register(manager, Optional.ofNullable(System.getenv(NodeEnv.INGEST_TOKEN)));
    }

    /** As {@link #register(SiddhiManager)}, with the token HTTP sources with {@code basic.auth.enabled} ask for. */
    public static void register(SiddhiManager manager, Optional<String> ingestToken) {
        // The node's own sources learn what a payload became (DeliveryCount) from in front of the source handler.
        SourceHandlerManager handlers = siddhiContext(manager).getSourceHandlerManager();
        if (handlers != null) {
            manager.setSourceHandlerManager(DeliveryCount.around(handlers));
        }
        manager.setAttribute(HttpReceivers.ATTRIBUTE, new HttpReceivers(ingestToken));
        for (Class<?> extension : CLASSES) {
            String key = key(extension);
            // Siddhi also finds them through the class index of their jars (not in the fat jar, whose index is
            // siddhi-core's): registering one again would only log a warning.
            if (!extension.equals(manager.getExtensions().get(key))) {
                manager.setExtension(key, extension);
            }
        }
    }

    /**
     * The manager's context, which holds its source handler manager: {@code SiddhiManager} sets it but has no getter
     * (siddhi-core 5.1.21, the version the build pins), so it is read from the field.
     */
    private static SiddhiContext siddhiContext(SiddhiManager manager) {
        try {
            Field field = SiddhiManager.class.getDeclaredField("siddhiContext");
            field.setAccessible(true);
            return (SiddhiContext) field.get(manager);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this siddhi-core has no SiddhiManager.siddhiContext: the node's HTTP "
                    + "source cannot tell what its payloads became", e);
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
