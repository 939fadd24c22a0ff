package io.siha.node.extensions.http;

import io.siddhi.annotation.Example;
import io.siddhi.annotation.Extension;
import io.siddhi.annotation.Parameter;
import io.siddhi.annotation.util.DataType;
import io.siddhi.core.config.SiddhiAppContext;
import io.siddhi.core.exception.ConnectionUnavailableException;
import io.siddhi.core.exception.SiddhiAppCreationException;
import io.siddhi.core.stream.ServiceDeploymentInfo;
import io.siddhi.core.stream.input.source.Source;
import io.siddhi.core.stream.input.source.SourceEventListener;
import io.siddhi.core.util.config.ConfigReader;
import io.siddhi.core.util.snapshot.state.State;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.core.util.transport.OptionHolder;


/**
 * {@code @source(type='http')} with SI's parameters, on the node's own Netty: each POST's body goes to the source's
 * {@code @map} as a string, and the reply waits until the pair holds the events it became (see
 * {@link ReceiverHandler} for the replies). The request's {@code Idempotency-Key} is the id of its events: the key
 * itself for a body of one event, {@code key#i} for the i-th of a batch, so a client that retries a request after a
 * failover with the same key has each event counted once. The port opens only on the active, after the takeover.
 */
@Extension(
        name = "http",
        namespace = "source",
        description = "Receives events by HTTP POST; the body goes to the source's @map. Replies 200 once the HA pair"
                + " holds the events, 400 for a body the mapper or the node refused, 401 without the node's token"
                + " (basic.auth.enabled), 503 with Retry-After when the node cannot take events now.",
        parameters = {
            @Parameter(name = "receiver.url", type = DataType.STRING, optional = true,
                    defaultValue = "http://0.0.0.0:9763/<app>/<stream>",
                    description = "Where to listen: http://host:port/path, or https://host:port/path for TLS with"
                            + " the node's ingest certificate (SIHA_INGEST_TLS_DIR). Sources may share a port with"
                            + " different paths (and the same host and scheme)."),
            @Parameter(name = "basic.auth.enabled", type = DataType.BOOL, optional = true, defaultValue = "false",
                    description = "Ask for the node's SIHA_INGEST_TOKEN, as a bearer token or as the password of"
                            + " basic authentication (any user name).")
        },
        examples = @Example(syntax = "@source(type='http', receiver.url='http://0.0.0.0:8280/orders', "
                + "@map(type='json')) define stream Orders (region string, amount long);",
                description = "POST {\"event\":{\"region\":\"eu\",\"amount\":3}} to port 8280, path /orders."))
public final class HttpSource extends Source<State> {

    private HttpReceivers receivers;
    private Route route;

    @Override
    public StateFactory<State> init(SourceEventListener listener, OptionHolder options,
                                      String[] requestedTransportPropertyNames, ConfigReader configReader,
                                      SiddhiAppContext context) {
        receivers = (HttpReceivers) context.getSiddhiContext().getAttributes().get(HttpReceivers.ATTRIBUTE);
        String stream = listener.getStreamDefinition().getId();
        if (receivers == null) {
            throw new SiddhiAppCreationException("source:http of stream '" + stream + "' needs the node's HTTP "
                    + "receivers (io.siha.node.extensions.NodeExtensions.register)");
        }
        try {
            ReceiverUrl url = ReceiverUrl.parse(options.validateAndGetStaticValue("receiver.url", null),
                    context.getName(), stream);
            boolean authenticated = Boolean.parseBoolean(options.validateAndGetStaticValue("basic.auth.enabled",
                    "false"));
            route = new Route(url, context.getName(), stream, authenticated, listener,
                    requestedTransportPropertyNames);
            receivers.reserve(route);
        } catch (IllegalArgumentException e) {
            throw new SiddhiAppCreationException("source:http of stream '" + stream + "': " + e.getMessage(), e);
        }
        // No state: what a request carried is in the pair once it is answered 200 (Siddhi keeps no holder for null).
        return null;
    }

    @Override
    protected ServiceDeploymentInfo exposeServiceDeploymentInfo() {
        return route == null ? new ServiceDeploymentInfo() : new ServiceDeploymentInfo(route.url.port(), false);
    }

    @Override
    public Class[] getOutputEventClasses() {
        return new Class[] {String.class};
    }

    @Override
    public void connect(ConnectionCallback callback, State state) throws ConnectionUnavailableException {
        try {
            receivers.open(route);
        } catch (RuntimeException e) {
            throw new ConnectionUnavailableException("source:http " + route + " cannot listen: " + e.getMessage(), e);
        }
    }

    @Override
    public void disconnect() {
        receivers.close(route);
    }

    @Override
    public void destroy() {
        receivers.close(route);
        receivers.release(route);
    }

    @Override
    public void pause() {
        route.pause();
    }

    @Override
    public void resume() {
        route.resume();
    }
}
