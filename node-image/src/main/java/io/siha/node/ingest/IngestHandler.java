package io.siha.node.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.siha.node.engine.StreamInput;
import io.siha.node.engine.UnknownStreamException;
import io.siha.node.http.HttpReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/apps/{app}/streams/{stream}} with one JSON event or an array of them, and
 * {@code POST /v1/apps/{app}/query} with a Siddhi on-demand query. Replies 200 once every
 * event is acknowledged (held by the passive or a snapshot), 4xx naming the problem for bad input (nothing of
 * the request is taken), 503 if the node stops being active before the acknowledgement (retry with the same
 * {@code $id}s at the new active; they count once). With a token configured, a request reaches this handler only
 * with it: {@link BearerTokenCheck} answers the others from their heads, before their bodies are read.
 */
final class IngestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);
    private static final Pattern PATH = Pattern.compile("^/v1/apps/([^/]+)/streams/([^/]+)$");
    private static final Pattern QUERY_PATH = Pattern.compile("^/v1/apps/([^/]+)/query$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestTarget target;
    private final EventJsonDecoder decoder;

    IngestHandler(IngestTarget target, EventJsonDecoder decoder) {
        this.target = target;
        this.decoder = decoder;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpReplies.keepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            HttpReplies.error(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        // Matched undecoded, each name decoded once: a name may hold an escaped '/' or '%', and a bad escape is the
        // client's mistake (400), not an exception that would drop the connection without a reply.
        String uriPath = new QueryStringDecoder(request.uri()).rawPath();
        Matcher query = QUERY_PATH.matcher(uriPath);
        Matcher path = PATH.matcher(uriPath);
        boolean isQuery = query.matches();
        boolean isEvents = path.matches();
        String app = null;
        String stream = null;
        try {
            if (isQuery) {
                app = decodeName(query.group(1));
            } else if (isEvents) {
                app = decodeName(path.group(1));
                stream = decodeName(path.group(2));
            }
        } catch (IllegalArgumentException e) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "the path is not valid percent-encoding: "
                    + e.getMessage());
            return;
        }
        if (isQuery && HttpMethod.POST.equals(request.method())) {
            answerQuery(ctx, keepAlive, app, request.content().toString(StandardCharsets.UTF_8));
            return;
        }
        if (!isEvents) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND,
                    "no such endpoint: POST events to /v1/apps/{app}/streams/{stream}");
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
            return;
        }
        List<IncomingEvent> events;
        try {
            StreamInput input = target.input(app, stream);
            events = decoder.decode(ByteBufUtil.getBytes(request.content()), input, System.currentTimeMillis());
        } catch (UnknownStreamException e) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, e.getMessage());
            return;
        } catch (BadEventException e) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        int count = events.size();
        target.submit(InputSource.HTTP_PORT, events).whenComplete((ok, failure) -> {
            if (failure == null) {
                HttpReplies.json(ctx, keepAlive, HttpResponseStatus.OK, "{\"acknowledged\":" + count + "}");
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof IntakePausedException paused) {
                    HttpReplies.busy(ctx, keepAlive, IntakePausedException.RETRY_AFTER_SECONDS, "not acknowledged: "
                            + paused.getMessage() + "; retry with the same $id values");
                    return;
                }
                HttpReplies.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "not acknowledged: " + cause.getMessage() + "; retry with the same $id values");
            }
        });
    }

    private static String decodeName(String raw) {
        return QueryStringDecoder.decodeComponent(raw, StandardCharsets.UTF_8);
    }

    /** {@code POST /v1/apps/{app}/query} with a Siddhi on-demand query as the body: the rows as JSON arrays. */
    private void answerQuery(ChannelHandlerContext ctx, boolean keepAlive, String app, String storeQuery) {
        List<Object[]> rows;
        try {
            rows = target.query(app, storeQuery);
        } catch (UnknownStreamException e) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, e.getMessage());
            return;
        } catch (RuntimeException e) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "query failed: " + e.getMessage());
            return;
        }
        try {
            HttpReplies.json(ctx, keepAlive, HttpResponseStatus.OK, JSON.writeValueAsString(rows));
        } catch (JsonProcessingException e) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "rows cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("ingest connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
