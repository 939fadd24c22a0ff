package io.siha.node.extensions.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where an HTTP source listens, from SI's {@code receiver.url} ({@code http://0.0.0.0:8280/orders}): host, port and
 * path. Without one, SI's default: {@code http://0.0.0.0:9763/<app>/<stream>}.
 */
record ReceiverUrl(String host, int port, String path) {

    static final int DEFAULT_PORT = 9763;

    static ReceiverUrl parse(String url, String app, String stream) {
        if (url == null || url.isBlank()) {
            return new ReceiverUrl("0.0.0.0", DEFAULT_PORT, "/" + app + "/" + stream);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("receiver.url '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("receiver.url '" + url + "': this node's HTTP source speaks plain HTTP"
                    + " only; terminate TLS in front of it (a Service mesh or an ingress), or send through the node's"
                    + " ingest port, which has TLS");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("receiver.url '" + url + "' must be http://host:port/path");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("receiver.url '" + url + "' must not have a query or a fragment");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new ReceiverUrl(uri.getHost(), port, path);
    }

    @Override
    public String toString() {
        return "http://" + host + ":" + port + path;
    }
}
