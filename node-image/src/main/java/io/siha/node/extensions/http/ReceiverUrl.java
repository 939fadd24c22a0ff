package io.siha.node.extensions.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where an HTTP source listens, from SI's {@code receiver.url} ({@code http://0.0.0.0:8280/orders}, or
 * {@code https://...} for TLS): scheme, host, port and path. Without one, SI's default:
 * {@code http://0.0.0.0:9763/<app>/<stream>}.
 *
 * @param https whether the source speaks TLS (with the node's ingest certificate); plain HTTP otherwise
 */
record ReceiverUrl(boolean https, String host, int port, String path) {

    static final int DEFAULT_PORT = 9763;

    static ReceiverUrl parse(String url, String app, String stream) {
        if (url == null || url.isBlank()) {
            return new ReceiverUrl(false, "0.0.0.0", DEFAULT_PORT, "/" + app + "/" + stream);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("receiver.url '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("receiver.url '" + url + "' must be http://host:port/path or "
                    + "https://host:port/path");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("receiver.url '" + url + "' must not have a query or a fragment");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new ReceiverUrl(https, uri.getHost(), port, path);
    }

    @Override
    public String toString() {
        return (https ? "https" : "http") + "://" + host + ":" + port + path;
    }
}
