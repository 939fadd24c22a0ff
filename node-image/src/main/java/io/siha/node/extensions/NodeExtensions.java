package io.siha.node.extensions;

import io.netty.handler.ssl.SslContext;
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
import io.siha.node.extensions.http.HttpReceivers;
import io.siha.node.extensions.http.HttpSource;
import io.siha.node.extensions.jars.ExtensionJars;
import io.siha.node.extensions.kafka.KafkaSink;
import io.siha.node.extensions.kafka.KafkaSource;
import io.siha.node.extensions.jars.ExtensionKey;
import io.siha.node.extensions.jars.InvalidExtensionJarException;
import io.siha.node.extensions.jars.UserExtension;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Siddhi extensions the apps of this node have beyond siddhi-core's own ({@code inMemory}, {@code passThrough},
 * {@code log}): the JSON, text and XML mappers of SI apps, for sources and sinks, the HTTP source
 * ({@link HttpSource}), the Kafka source and sink ({@link KafkaSource}, {@link KafkaSink}), and the users' own from {@code SIHA_EXTENSIONS_DIR} ({@link ExtensionJars}), with what the
 * HTTP sources need of the node (its ingest token and TLS). Made once per process and registered on each
 * {@code SiddhiManager} the node builds. The node's own are registered explicitly, under the key each class's
 * {@link Extension} annotation gives ({@code sourceMapper:json}, ...), rather than found through the class index the
 * mapper jars carry, so the fat jar needs no merged index and an extension missing from the build fails here, at
 * start, not when an app is parsed.
 */
public final class NodeExtensions {

    /** Every extension class of the node's own. */
    static final List<Class<?>> CLASSES = List.of(
            JsonSourceMapper.class, JsonSinkMapper.class,
            TextSourceMapper.class, TextSinkMapper.class,
            XmlSourceMapper.class, XMLSinkMapper.class,
            HttpSource.class,
            KafkaSource.class, KafkaSink.class);

    private final Optional<String> ingestToken;
    private final Optional<SslContext> ingestTls;
    private final List<UserExtension> userExtensions;
    private final String pair;

    /**
     * @param ingestToken    the node's {@code SIHA_INGEST_TOKEN}: what HTTP sources with {@code basic.auth.enabled}
     *                       ask for
     * @param ingestTls      the server context of {@code SIHA_INGEST_TLS_DIR}: what HTTP sources with an
     *                       {@code https} receiver.url speak
     * @param userExtensions the extensions of the users' jars, loaded by {@link ExtensionJars#load}
     */
    public NodeExtensions(Optional<String> ingestToken, Optional<SslContext> ingestTls,
                          List<UserExtension> userExtensions) {
        this(ingestToken, ingestTls, userExtensions, PairName.STANDALONE);
    }

    private NodeExtensions(Optional<String> ingestToken, Optional<SslContext> ingestTls,
                           List<UserExtension> userExtensions, String pair) {
        this.ingestToken = ingestToken;
        this.ingestTls = ingestTls;
        this.userExtensions = List.copyOf(userExtensions);
        this.pair = pair;
    }

    /** The same extensions for the apps of pair {@code name} ({@link PairName}). */
    public NodeExtensions forPair(String name) {
        return new NodeExtensions(ingestToken, ingestTls, userExtensions, name);
    }

    /** The node's own extensions, without a token, TLS or users' jars (tests, the bench). */
    public static NodeExtensions builtIn() {
        return new NodeExtensions(Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * The node's extensions and those of the users' jars in {@code extensionsDir}, loaded now (once per process: the
     * jars join the class path for good); throws {@link InvalidExtensionJarException} naming a jar that cannot be
     * used, one with an extension under the key of one of the node's among them.
     */
    public static NodeExtensions load(Optional<String> ingestToken, Optional<SslContext> ingestTls,
                                      Optional<Path> extensionsDir) {
        return new NodeExtensions(ingestToken, ingestTls, extensionsDir
                .map(directory -> ExtensionJars.load(directory, withoutUsersJars())).orElse(List.of()));
    }

    /**
     * What a {@code SiddhiManager} has before any user's jar, by key: siddhi-core's extensions (found through the class
     * index of the node's class path) and the node's own. Read before the jars join the class path, where Siddhi's
     * own class index lookup could find theirs too.
     */
    private static Map<String, Class<?>> withoutUsersJars() {
        SiddhiManager manager = new SiddhiManager();
        try {
            builtIn().register(manager);
            Map<String, Class<?>> extensions = new HashMap<>();
            manager.getExtensions().forEach(extensions::put);
            return extensions;
        } finally {
            manager.shutdown();
        }
    }

    /** The extensions of the users' jars. */
    public List<UserExtension> userExtensions() {
        return userExtensions;
    }

    /**
     * Registers the extensions on {@code manager}, after its source handler manager and before any app is parsed.
     * Throws {@link InvalidExtensionJarException} when a user's extension has the key of another class the manager
     * already has (one set on it before, as the node's {@code sink:http}): replacing it would change what every app
     * using it does, silently. (Siddhi may have found the same class itself, through the jar's class index.)
     */
    public void register(SiddhiManager manager) {
        // The node's own sources learn what a payload became (DeliveryCount) from in front of the source handler.
        SourceHandlerManager handlers = siddhiContext(manager).getSourceHandlerManager();
        if (handlers != null) {
            manager.setSourceHandlerManager(DeliveryCount.around(handlers));
        }
        manager.setAttribute(HttpReceivers.ATTRIBUTE, new HttpReceivers(ingestToken, ingestTls));
        manager.setAttribute(PairName.ATTRIBUTE, pair);
        for (Class<?> extension : CLASSES) {
            String key = ExtensionKey.of(extension);
            // Siddhi also finds them through the class index of their jars (not in the fat jar, whose index is
            // siddhi-core's): registering one again would only log a warning.
            if (!extension.equals(manager.getExtensions().get(key))) {
                manager.setExtension(key, extension);
            }
        }
        for (UserExtension extension : userExtensions) {
            Class<?> present = manager.getExtensions().get(extension.key());
            if (present != null && present != extension.type()) {
                throw new InvalidExtensionJarException(extension.jar(), "its extension " + extension + " has the key"
                        + " of the node's own extension " + present.getName() + "; give it another namespace or name");
            }
            manager.setExtension(extension.key(), extension.type());
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
}
