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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code @sink(type='http', publisher.url='...')}: sends each output event as the body of a request (POST unless the
 * app's {@code method} says PUT or PATCH), as a JSON object (attribute names as keys) or as the sink's {@code @map}
 * made it (SI's {@code @map(type='json')}), with the app's {@code headers}, basic authentication from
 * {@code basic.auth.*} ({@link HttpSinkTarget}), and its output id in the {@code Idempotency-Key} header. It is handed
 * one output at a time by the sink's outbox ({@link io.siha.node.output.HaSinkHandlerManager}), which sends only while
 * the node is active, in order, and hands the same output again while this sink throws: a request that does not get
 * a 2xx within 10 s throws. So a slow receiver holds up this sink's outbox, never the pipeline, and nothing is dropped.
 * (The class keeps its name from when it only POSTed.)
 */
@Extension(
        name = "http",
        namespace = "sink",
        description = "Sends each event as the body of an HTTP request to publisher.url, with its id as "
                + "Idempotency-Key; retried while the receiver fails.",
        parameters = {
            @Parameter(name = "publisher.url", type = DataType.STRING, description = "The URL events are sent to."),
            @Parameter(name = "method", type = DataType.STRING, optional = true, defaultValue = "POST",
                    description = "POST, PUT or PATCH (the methods whose body is the event)."),
            @Parameter(name = "headers", type = DataType.STRING, optional = true, defaultValue = "none",
                    description = "SI's format: \"'Content-Type:application/json','X-Key:value'\". Without "
                            + "Content-Type, the @map's: application/json, application/xml or text/plain."),
            @Parameter(name = "basic.auth.username", type = DataType.STRING, optional = true, defaultValue = "none",
                    description = "With basic.auth.password: basic authentication on every request."),
            @Parameter(name = "basic.auth.password", type = DataType.STRING, optional = true, defaultValue = "none",
                    description = "With basic.auth.username."),
            @Parameter(name = "retries", type = DataType.INT, optional = true, defaultValue = "0",
                    description = "Ignored: the outbox retries a failed output for as long as the receiver fails. "
                            + "Accepted so that apps naming it still run.")
        },
        examples = @Example(syntax = "@sink(type='http', publisher.url='http://alerts:8080/orders', method='PUT', "
                + "headers=\"'X-Source:orders'\") define stream Alerts (region string, total long);",
                description = "PUT each alert as JSON with an X-Source header."))
public final class HttpPostSink extends Sink<State> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The header a receiver de-duplicates on (the IETF httpapi draft's name). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private HttpSinkTarget target;
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
        target = HttpSinkTarget.read(options);
        attributes = definition.getAttributeList();
        return null;
    }

    @Override
    public void publish(Object payload, DynamicOptions dynamicOptions, State state) {
        if (payload instanceof String mapped) { // an @map of the sink (json, text, xml) made the body
            post(mapped.getBytes(StandardCharsets.UTF_8), mappedContentType());
            return;
        }
        Event[] events = payload instanceof Event[] many ? many : new Event[] {(Event) payload};
        for (Event event : events) {
            post(json(event), "application/json");
        }
    }

    private void post(byte[] body, String contentType) {
        HttpRequest request = target.request(body, contentType, OutputIds.current().map(Object::toString));
        String what = target.method() + " to " + target.url();
        HttpResponse<Void> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new OutputNotDeliveredException(what + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputNotDeliveredException(what + " interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new OutputNotDeliveredException(what + " answered HTTP " + response.statusCode());
        }
    }

    /** SI's rule for a body an {@code @map} made: its type's media type; text/plain for any other mapper. */
    private String mappedContentType() {
        return switch (getMapper().getType()) {
            case "json" -> "application/json";
            case "xml" -> "application/xml";
            default -> "text/plain; charset=UTF-8";
        };
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
