package io.siha.operator.model;

import io.siddhi.query.api.SiddhiApp;
import io.siddhi.query.api.annotation.Annotation;
import io.siddhi.query.api.annotation.Element;
import io.siddhi.query.api.definition.StreamDefinition;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;

/**
 * One {@code @source(type='http')} of an app: the stream it feeds and its {@code receiver.url} (null when unset). Its
 * port is read by the rule of the node's HTTP source ({@code io.siha.node.extensions.http.ReceiverUrl}): without
 * receiver.url SI's default port 9763; a URL without a port has its scheme's, 80 for http and 443 for https.
 */
record HttpSource(String stream, String receiverUrl) {

    /** The source type of the node's HTTP source; Siddhi looks extensions up by exact name. */
    static final String TYPE = "http";
    static final int DEFAULT_PORT = 9763;
    static final String RECEIVER_URL = "receiver.url";

    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    /** The HTTP sources of {@code app}, by stream name. */
    static List<HttpSource> of(SiddhiApp app) {
        return app.getStreamDefinitionMap().values().stream()
                .sorted(Comparator.comparing(StreamDefinition::getId))
                .flatMap(stream -> stream.getAnnotations().stream()
                        // Siddhi matches annotation names, and element keys, ignoring case; option values exactly.
                        .filter(annotation -> "source".equalsIgnoreCase(annotation.getName()))
                        .filter(annotation -> TYPE.equals(annotation.getElement("type")))
                        .map(annotation -> new HttpSource(stream.getId(), receiverUrl(annotation))))
                .toList();
    }

    // The node's source reads its options by exact key (Siddhi's OptionHolder), so a 'Receiver.URL' is not one.
    private static String receiverUrl(Annotation source) {
        return source.getElements().stream().filter(element -> RECEIVER_URL.equals(element.getKey()))
                .map(Element::getValue).findFirst().orElse(null);
    }

    /** The port the source listens on; throws {@link IllegalArgumentException} saying what is wrong with its URL. */
    int port() {
        if (receiverUrl == null || receiverUrl.isBlank()) {
            return DEFAULT_PORT;
        }
        URI uri;
        try {
            uri = new URI(receiverUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(describeUrl() + " is not a URL: " + e.getMessage(), e);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(describeUrl() + " must be http://host:port/path or"
                    + " https://host:port/path");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(describeUrl() + " must not have a query or a fragment");
        }
        if (uri.getPort() == -1) {
            return https ? HTTPS_PORT : HTTP_PORT;
        }
        if (uri.getPort() < NodePort.MIN || uri.getPort() > NodePort.MAX) {
            throw new IllegalArgumentException(describeUrl() + " has port " + uri.getPort() + ", outside "
                    + NodePort.MIN + " to " + NodePort.MAX);
        }
        return uri.getPort();
    }

    /** Whether it speaks TLS: the node then serves it with its ingest certificate ({@code spec.tls.ingest}). */
    boolean https() {
        return receiverUrl != null && receiverUrl.trim().regionMatches(true, 0, "https:", 0, "https:".length());
    }

    private String describeUrl() {
        return RECEIVER_URL + " '" + receiverUrl + "'";
    }

    /** How a problem names it, e.g. {@code @source(type='http') of stream Orders}. */
    @Override
    public String toString() {
        return "@source(type='" + TYPE + "') of stream " + stream;
    }
}
