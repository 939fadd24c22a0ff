package io.siha.node.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.node.http.HttpServer;
import io.siha.node.ingest.IngestServer;
import io.siha.node.ingest.SampleAppTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP ingest port (with a bearer token) over the demo's counting app, fed random and mutated JSON, wrong
 * types, numbers past 64 bits, deep nesting, invalid UTF-8, bad paths, methods and tokens, and bodies claiming more
 * than the limit. Every reply is one of 200, 400, 401, 404, 405, 413, an error names its problem, no request hangs,
 * and after every try the app has counted exactly the events of the 200 replies and still acknowledges a valid one.
 */
class IngestFuzzTest {

    private static final String TOKEN = "fuzz-ingest-token-0123456789";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String EVENTS = "/v1/apps/Counter/streams/Orders";
    private static final Set<Integer> KNOWN_STATUSES = Set.of(200, 400, 401, 404, 405, 413);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventLoopGroup group;
    private static SampleAppTarget target;
    private static HttpServer server;
    private static RawHttpClient http;
    /** Events of every 200 reply so far: what the app must have counted. */
    private static long acknowledged;

    @BeforeAll
    static void open() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        target = new SampleAppTarget();
        server = IngestServer.open(group, "127.0.0.1", 0, Optional.of(TOKEN), target);
        http = new RawHttpClient(server.port());
    }

    @AfterAll
    static void close() {
        server.close();
        target.close();
        group.shutdownGracefully();
    }

    @Test
    void validBodiesAreAcknowledgedAndCountedExactly() {
        Fuzz.tries(100, random -> {
            JsonBodies.ValidBody body = JsonBodies.validBody(random);

            RawHttpClient.Reply reply = answered("POST", EVENTS, BEARER, body.bytes());

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"acknowledged\":" + body.events() + "}");
            checkTookExactlyWhatItAcknowledged();
        });
    }

    @Test
    void mutatedBodiesAreTakenWholeOrRefusedWithAReason() {
        Fuzz.tries(200, random -> {
            assertThat(answered("POST", EVENTS, BEARER, JsonBodies.mutatedBody(random)).status()).isIn(200, 400);
            checkTookExactlyWhatItAcknowledged();
        });
    }

    @Test
    void jsonOfAnyShapeIsTakenWholeOrRefusedWithAReason() {
        Fuzz.tries(200, random -> {
            assertThat(answered("POST", EVENTS, BEARER, JsonBodies.anyJson(random)).status()).isIn(200, 400);
            checkTookExactlyWhatItAcknowledged();
        });
    }

    @Test
    void deepNestingIsRefusedWithAReason() {
        Fuzz.tries(40, random -> {
            assertThat(answered("POST", EVENTS, BEARER, JsonBodies.deeplyNested(random)).status()).isEqualTo(400);
            checkTookExactlyWhatItAcknowledged();
        });
    }

    @Test
    void invalidUtf8IsRefusedWithAReason() {
        Fuzz.tries(40, random -> {
            RawHttpClient.Reply reply = answered("POST", EVENTS, BEARER, JsonBodies.invalidUtf8(random));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("UTF-8");
            checkTookExactlyWhatItAcknowledged();
        });
    }

    @Test
    void anyMethodPathAndTokenGetAKnownStatusAndOnlyTheRightTokenGetsPast401() {
        Fuzz.tries(300, random -> {
            String method = method(random);
            String path = path(random);
            String authorization = authorization(random);
            JsonBodies.ValidBody body = JsonBodies.validBody(random);

            RawHttpClient.Reply reply = answered(method, path, authorization, body.bytes());

            boolean rightToken = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, 7)
                    && authorization.substring(7).trim().equals(TOKEN);
            if (rightToken) {
                assertThat(reply.status()).isNotEqualTo(401);
            } else {
                assertThat(reply.status()).as("%s without the right token", authorization).isEqualTo(401);
            }
            checkTookExactlyWhatItAcknowledged();
        });
    }

    @Test
    void aBodyClaimedOverTheLimitIsRefusedWith413() {
        Fuzz.tries(20, random -> {
            long claimed = Draw.between(random, IngestServer.MAX_BODY_BYTES + 1L, 1L << 40);

            RawHttpClient.Reply reply = checked("POST", EVENTS, http.sendClaiming(EVENTS, BEARER, claimed,
                    "[{\"region\":\"eu\"".getBytes()));

            assertThat(reply.status()).isEqualTo(413);
            checkTookExactlyWhatItAcknowledged();
        });
    }

    /**
     * Sends the request and checks the reply: a known status, and for an error a JSON body naming the problem (a
     * reply to HEAD has no body). Counts the events a 200 acknowledges.
     */
    private static RawHttpClient.Reply answered(String method, String path, String authorization, byte[] body) {
        return checked(method, path, http.send(method, path, authorization, body));
    }

    private static RawHttpClient.Reply checked(String method, String path, RawHttpClient.Reply reply) {
        assertThat(reply.status()).as("status of %s %s: %s", method, path, reply.body()).isIn(KNOWN_STATUSES);
        if (reply.status() != 200 && !method.equals("HEAD")) {
            assertThat(json(reply.body()).path("error").asText()).as("the error message of a %d", reply.status())
                    .isNotBlank();
        }
        if (reply.status() == 200 && reply.body().startsWith("{\"acknowledged\":")) {
            acknowledged += json(reply.body()).path("acknowledged").asLong();
        }
        return reply;
    }

    /** The app counted exactly the acknowledged events, and the port still takes a valid one. */
    private static void checkTookExactlyWhatItAcknowledged() {
        assertThat(target.counted()).as("events counted = events acknowledged").isEqualTo(acknowledged);
        RawHttpClient.Reply probe = answered("POST", EVENTS, BEARER, "{\"region\":\"probe\",\"amount\":1}".getBytes());
        assertThat(probe.status()).as("a valid event afterwards: %s", probe.body()).isEqualTo(200);
        assertThat(target.counted()).isEqualTo(acknowledged);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the reply is not JSON: " + body, e);
        }
    }

    /** POST half the time, else another method, or one in lower case, or none HTTP has. */
    private static String method(Random random) {
        return random.nextBoolean() ? "POST"
                : Draw.of(random, "GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "post", "FROB");
    }

    /** The real endpoints, near misses, and segments with bad percent-escapes and odd characters. */
    private static String path(Random random) {
        if (random.nextBoolean()) {
            return Draw.of(random, EVENTS, "/v1/apps/Counter/query", "/v1/apps/Counter/streams/Orders/",
                    "/v1/apps/%zz/streams/Orders", "/v1/apps/Counter/streams/%");
        }
        return "/" + String.join("/", Draw.list(random, 1, 6, () -> random.nextBoolean()
                ? Draw.of(random, "v1", "apps", "Counter", "streams", "Orders", "query", "Nope", "", "..", "%2F", "%zz",
                        "%", "%c3", "%ff", "%e2%82", "Orders%20", "Orders?x=1", "Orders#f", "%4Frders")
                : printableAscii(random, 1, 12)));
    }

    /** {@code min} to {@code max} characters from '!' to '~'. */
    private static String printableAscii(Random random, int min, int max) {
        int length = Draw.between(random, min, max);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append((char) random.nextInt('!', '~' + 1));
        }
        return text.toString();
    }

    /** The right token, near misses, other schemes, nothing, and (one in ten) no header at all. */
    private static String authorization(Random random) {
        return Draw.orNull(random, 0.1, () -> Draw.of(random, BEARER, "bearer " + TOKEN, "Bearer  " + TOKEN + " ",
                "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN, "Bearer", "Bearer ", TOKEN,
                ""));
    }
}
