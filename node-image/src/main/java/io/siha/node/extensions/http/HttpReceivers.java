package io.siha.node.extensions.http;

import io.netty.handler.ssl.SslContext;
import io.siha.api.NodeEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP sources of one node's apps, by port: several sources, of one app or of several, share a port when their
 * paths differ (a port is bound once, and with one host: {@code 0.0.0.0:8280/orders} and {@code 0.0.0.0:8280/refunds}
 * can live together, {@code 127.0.0.1:8280/x} next to them cannot). A clash is found when the apps are parsed, so it
 * stops the node at start, naming both sources. A port speaks HTTPS, with the node's ingest certificate, when its
 * sources' receiver.url says {@code https}, and plain HTTP when it says {@code http}: the app's URL is what its clients
 * were given, so a node with ingest TLS does not turn an {@code http} source into an HTTPS one behind their backs. A
 * port is bound when its first source opens (on the active, after the takeover) and closed when its last one closes
 * (the term ends).
 */
public final class HttpReceivers {

    private static final Logger log = LoggerFactory.getLogger(HttpReceivers.class);

    /** Where the {@code SiddhiManager} keeps this node's receivers, for {@link HttpSource}. */
    public static final String ATTRIBUTE = "io.siha.node.extensions.http.HttpReceivers";

    private final Optional<ReceiverCredentials> credentials;
    private final Optional<SslContext> tls;
    private final Map<Integer, Map<String, Route>> reserved = new HashMap<>();
    private final Map<Integer, ReceiverPort> bound = new HashMap<>();

    /**
     * @param ingestToken the node's {@code SIHA_INGEST_TOKEN}, the credential of sources that ask for one
     * @param tls         the server context of the node's ingest certificate ({@code SIHA_INGEST_TLS_DIR}), what
     *                    {@code https} sources speak; empty: the node has none, and an {@code https} source is refused
     */
    public HttpReceivers(Optional<String> ingestToken, Optional<SslContext> tls) {
        this.credentials = ReceiverCredentials.of(ingestToken);
        this.tls = tls;
    }

    /** Claims {@code route}'s port and path as its app is parsed; throws naming the clash. */
    synchronized void reserve(Route route) {
        if (route.authenticated && credentials.isEmpty()) {
            throw new IllegalArgumentException("source " + route + " has basic.auth.enabled='true', but the node has "
                    + "no SIHA_INGEST_TOKEN: the token is the credential it checks (as a bearer token or a basic-auth"
                    + " password)");
        }
        if (route.url.https() && tls.isEmpty()) {
            throw new IllegalArgumentException("source " + route + " has an https receiver.url, but the node has no "
                    + "ingest TLS certificate: set " + NodeEnv.INGEST_TLS_DIR + " to a directory holding tls.crt and "
                    + "tls.key (in a SiHaCluster: spec.tls.ingest), or make the receiver.url http://");
        }
        Map<String, Route> paths = reserved.computeIfAbsent(route.url.port(), port -> new HashMap<>());
        for (Route other : paths.values()) {
            if (!other.url.host().equals(route.url.host())) {
                throw new IllegalArgumentException("source " + route + " and source " + other + " share a port but "
                        + "not its host: a port is bound once, on one host");
            }
            if (other.url.https() != route.url.https()) {
                throw new IllegalArgumentException("source " + route + " and source " + other + " share a port but "
                        + "not its scheme: a port speaks either HTTP or HTTPS");
            }
        }
        Route twin = paths.putIfAbsent(route.url.path(), route);
        if (twin != null && twin != route) {
            throw new IllegalArgumentException("source " + route + " and source " + twin + " listen on the same port"
                    + " and path; give each its own path");
        }
    }

    /** Gives {@code route}'s port and path back (its app is shut down). */
    synchronized void release(Route route) {
        Map<String, Route> paths = reserved.get(route.url.port());
        if (paths != null) {
            paths.remove(route.url.path(), route);
            if (paths.isEmpty()) {
                reserved.remove(route.url.port());
            }
        }
    }

    /** Starts answering {@code route}'s path, binding its port if no other source has; throws if it cannot bind. */
    synchronized void open(Route route) {
        ReceiverPort port = bound.get(route.url.port());
        if (port == null) {
            port = ReceiverPort.open(route.url.host(), route.url.port(), credentials,
                    route.url.https() ? tls : Optional.empty());
            bound.put(route.url.port(), port);
        }
        port.add(route);
        log.info("HTTP source {} open{}{}", route, route.authenticated ? ", asking for the ingest token" : "",
                !route.url.https() && tls.isPresent() ? ", plain HTTP as its receiver.url says (https:// would use "
                        + "the node's ingest certificate)" : "");
    }

    /** Stops answering {@code route}'s path; the port closes with its last path. */
    synchronized void close(Route route) {
        ReceiverPort port = bound.get(route.url.port());
        if (port == null || port.route(route.url.path()) != route) {
            return;
        }
        log.info("HTTP source {} closed", route);
        if (port.remove(route)) {
            port.close();
            bound.remove(route.url.port());
        }
    }
}
