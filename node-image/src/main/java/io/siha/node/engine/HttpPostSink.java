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
import io.siha.node.output.OutputIds;
import io.siha.node.output.OutputNotDeliveredException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code @sink(type='http', publisher.url='...')}: POSTs each output event as a JSON object (attribute names as
 * keys), or as the sink's {@code @map} made it (SI's {@code @map(type='json')}), to a URL, with its output id in the
 * {@code Idempotency-Key} header. It is handed one output at a time by the
 * sink's outbox ({@link io.siha.node.output.HaSinkHandlerManager}), which sends only while the node is active, in
 * order, and hands the same output again while this sink throws: a POST that does not get a 2xx within 10 s throws.
 * So a slow receiver holds up this sink's outbox, never the pipeline, and nothing is dropped.
 */
@Extension(
        name = "http",
        namespace = "sink",
        description = "POSTs each event as a JSON object to publisher.url, with its id as Idempotency-Key.",
        parameters = {
            @Parameter(name = "publisher.url", type = DataType.STRING, description = "The URL events are POSTed to."),
            @Parameter(name = "retries", type = DataType.INT, optional = true, defaultValue = "0",
                    description = "Ignored: the outbox retries a failed output for as long as the receiver fails. "
                            + "Accepted so that apps naming it still run.")
        },
        examples = @Example(syntax = "@sink(type='http', publisher.url='http://alerts:8080/orders') "
                + "define stream Alerts (region string, total long);", description = "POST each alert as JSON."))
public final class HttpPostSink extends Sink<State> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The header a receiver de-duplicates on (the IETF httpapi draft's name). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private URI url;
    private List<Attribute> attributes;

    @Override
    public Class[] getSupportedInputEventClasses() {
        return new Class[] {String.class, Event.class, Event[].class};
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
        attributes = definition.getAttributeList();
        return null;
    }

    @Override
    public void publish(Object payload, DynamicOptions dynamicOptions, State state) {
        if (payload instanceof String mapped) { // an @map of the sink (json, text, xml) made the body
            post(mapped.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Event[] events = payload instanceof Event[] many ? many : new Event[] {(Event) payload};
        for (Event event : events) {
            post(json(event));
        }
    }

    private void post(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        OutputIds.current().ifPresent(id -> request.header(IDEMPOTENCY_KEY, id.toString()));
        HttpResponse<Void> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new OutputNotDeliveredException("POST to " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputNotDeliveredException("POST to " + url + " interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new OutputNotDeliveredException("POST to " + url + " answered HTTP " + response.statusCode());
        }
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
