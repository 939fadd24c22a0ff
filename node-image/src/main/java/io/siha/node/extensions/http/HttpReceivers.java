package io.siha.node.extensions.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP sources of one node's apps, by port: several sources, of one app or of several, share a port when their
 * paths differ (a port is bound once, and with one host: {@code 0.0.0.0:8280/orders} and {@code 0.0.0.0:8280/refunds}
 * can live together, {@code 127.0.0.1:8280/x} next to them cannot). A clash is found when the apps are parsed, so it
 * stops the node at start, naming both sources. A port is bound when its first source opens (on the active, after the
 * takeover) and closed when its last one closes (the term ends).
 */
public final class HttpReceivers {

    private static final Logger log = LoggerFactory.getLogger(HttpReceivers.class);

    /** Where the {@code SiddhiManager} keeps this node's receivers, for {@link HttpSource}. */
    public static final String ATTRIBUTE = "io.siha.node.extensions.http.HttpReceivers";

    private final Optional<ReceiverCredentials> credentials;
    private final Map<Integer, Map<String, Route>> reserved = new HashMap<>();
    private final Map<Integer, ReceiverPort> bound = new HashMap<>();

    /** @param ingestToken the node's {@code SIHA_INGEST_TOKEN}, the credential of sources that ask for one */
    public HttpReceivers(Optional<String> ingestToken) {
        this.credentials = ReceiverCredentials.of(ingestToken);
    }

    /** Claims {@code route}'s port and path as its app is parsed; throws naming the clash. */
    synchronized void reserve(Route route) {
        if (route.authenticated && credentials.isEmpty()) {
            throw new IllegalArgumentException("source " + route + " has basic.auth.enabled='true', but the node has "
                    + "no SIHA_INGEST_TOKEN: the token is the credential it checks (as a bearer token or a basic-auth"
                    + " password)");
        }
        Map<String, Route> paths = reserved.computeIfAbsent(route.url.port(), port -> new HashMap<>());
        for (Route other : paths.values()) {
            if (!other.url.host().equals(route.url.host())) {
                throw new IllegalArgumentException("source " + route + " and source " + other + " share a port but "
                        + "not its host: a port is bound once, on one host");
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
            port = ReceiverPort.open(route.url.host(), route.url.port(), credentials);
            bound.put(route.url.port(), port);
        }
        port.add(route);
        log.info("HTTP source {} open{}", route, route.authenticated ? ", asking for the ingest token" : "");
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
