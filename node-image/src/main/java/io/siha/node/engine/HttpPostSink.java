package io.siha.node.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siddhi.annotation.Example;
import io.siddhi.annotation.Extension;
import io.siddhi.annotation.Parameter;
import io.siddhi.annotation.util.DataType;
import io.siddhi.core.config.SiddhiAppContext;
import io.siddhi.core.event.Event;
import io.siddhi.core.stream.ServiceDeploymentInfo;
import io.siddhi.core.stream.output.sink.Sink;
import io.siddhi.core.util.config.ConfigReader;
import io.siddhi.core.util.snapshot.state.State;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.core.util.transport.DynamicOptions;
import io.siddhi.core.util.transport.OptionHolder;
import io.siddhi.query.api.definition.Attribute;
import io.siddhi.query.api.definition.StreamDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code @sink(type='http', publisher.url='...')}: POSTs each output event as a JSON object (attribute names as
 * keys) to a URL, retrying failures with backoff. It emits only while the node's {@link OutputGate} is open, so a
 * fenced or passive node is silent. Sends are asynchronous: a slow receiver does not hold up the pipeline.
 */
@Extension(
        name = "http",
        namespace = "sink",
        description = "POSTs each event as a JSON object to publisher.url, retrying failures; silent unless active.",
        parameters = {
            @Parameter(name = "publisher.url", type = DataType.STRING, description = "The URL events are POSTed to."),
            @Parameter(name = "retries", type = DataType.INT, optional = true, defaultValue = "3",
                    description = "Retries of a failed POST, with doubling backoff from 100 ms.")
        },
        examples = @Example(syntax = "@sink(type='http', publisher.url='http://alerts:8080/orders') "
                + "define stream Alerts (region string, total long);", description = "POST each alert as JSON."))
public final class HttpPostSink extends Sink<State> {

    /** The key under which {@link SiddhiEngine} hands the node's output gate to its sinks. */
    static final String GATE_ATTRIBUTE = "siha.outputGate";

    private static final Logger log = LoggerFactory.getLogger(HttpPostSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private URI url;
    private int retries;
    private List<Attribute> attributes;
    private OutputGate gate;

    @Override
    public Class[] getSupportedInputEventClasses() {
        return new Class[] {Event.class, Event[].class};
    }

    @Override
    protected ServiceDeploymentInfo exposeServiceDeploymentInfo() {
        return null;
    }

    @Override
    public String[] getSupportedDynamicOptions() {
        return new String[0];
    }

    @Override
    protected StateFactory<State> init(StreamDefinition definition, OptionHolder options, ConfigReader config,
                                       SiddhiAppContext context) {
        String target = options.validateAndGetStaticValue("publisher.url");
        try {
            url = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sink publisher.url '" + target + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("sink publisher.url '" + target + "' must be http:// or https://");
        }
        retries = Integer.parseInt(options.validateAndGetStaticValue("retries", "3"));
        attributes = definition.getAttributeList();
        gate = (OutputGate) context.getSiddhiContext().getAttributes().get(GATE_ATTRIBUTE);
        return null;
    }

    @Override
    public void publish(Object payload, DynamicOptions dynamicOptions, State state) {
        if (gate == null || !gate.isOpen()) {
            return;
        }
        Event[] events = payload instanceof Event[] many ? many : new Event[] {(Event) payload};
        for (Event event : events) {
            post(json(event), 0);
        }
    }

    private void post(byte[] body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            boolean ok = failure == null && response.statusCode() / 100 == 2;
            if (ok) {
                return;
            }
            String problem = failure != null ? failure.toString() : "HTTP " + response.statusCode();
            if (attempt >= retries || !gate.isOpen()) {
                log.warn("output to {} dropped after {} attempts: {}", url, attempt + 1, problem);
                return;
            }
            long backoff = 100L << attempt;
            CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS).execute(() -> post(body, attempt + 1));
        });
    }

    private byte[] json(Event event) {
        Map<String, Object> object = new LinkedHashMap<>();
        Object[] data = event.getData();
        for (int i = 0; i < attributes.size() && i < data.length; i++) {
            object.put(attributes.get(i).getName(), data[i]);
        }
        try {
            return JSON.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event attributes are JSON values", e);
        }
    }

    @Override
    public void connect() {
        // Stateless HTTP: nothing to connect.
    }

    @Override
    public void disconnect() {
        // Stateless HTTP: nothing to disconnect.
    }

    @Override
    public void destroy() {
        // The shared client lives for the process.
    }
}
