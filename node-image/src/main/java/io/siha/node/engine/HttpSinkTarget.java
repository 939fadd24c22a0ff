package io.siha.node.engine;

import io.siddhi.core.util.transport.OptionHolder;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how one {@code @sink(type='http')} sends each output, from SI's options: {@code publisher.url},
 * {@code method}, {@code headers} and {@code basic.auth.username}/{@code basic.auth.password}. Read and checked when
 * the app starts: a bad value stops the app then, not a request later, which the sink's outbox would retry for as long
 * as it fails. Each is static (the same for every output, as {@link HttpPostSink} declares no dynamic options), so an
 * output's request is known in full when the app starts but for its body and id. {@link #toString()} hides the
 * credential.
 *
 * @param authorization the {@code Authorization} header basic.auth.* make, if set
 */
record HttpSinkTarget(URI url, String method, SinkHeaders headers, Optional<String> authorization) {

    /**
     * The methods that carry the output as the request's body. SI's sink also takes GET, DELETE and others, whose
     * body has no meaning in HTTP (receivers and proxies may drop it): an output sent that way could be lost while
     * the receiver answers 2xx, so the node refuses them.
     */
    static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    /** A receiver that has not answered by then counts as failing; the outbox sends the output again. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    /** SI's OAuth 2.0 options, which this sink does not speak: taking the app would send without the credential. */
    private static final List<String> OAUTH_OPTIONS = List.of("oauth.username", "oauth.password", "consumer.key",
            "consumer.secret", "token.url", "refresh.token");

    static HttpSinkTarget read(OptionHolder options) {
        for (String oauth : OAUTH_OPTIONS) {
            if (options.isOptionExists(oauth)) {
                throw new IllegalArgumentException("sink option '" + oauth + "' (SI's OAuth 2.0) is not supported by "
                        + "the node's http sink; send a token you have as headers=\"'Authorization:Bearer <token>'\", or "
                        + "use basic.auth.username and basic.auth.password");
            }
        }
        SinkHeaders headers = SinkHeaders.parse(options.validateAndGetStaticValue("headers", null));
        Optional<String> authorization = basicAuthorization(options.validateAndGetStaticValue("basic.auth.username",
                null), options.validateAndGetStaticValue("basic.auth.password", null));
        if (authorization.isPresent() && headers.has("Authorization")) {
            throw new IllegalArgumentException("sink has basic.auth.username and an Authorization header: give one");
        }
        return new HttpSinkTarget(url(options.validateAndGetStaticValue("publisher.url")),
                method(options.validateAndGetStaticValue("method", "POST")), headers, authorization);
    }

    private static URI url(String target) {
        URI url;
        try {
            url = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sink publisher.url '" + target + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("sink publisher.url '" + target + "' must be http:// or https://");
        }
        return url;
    }

    /** SI writes methods in any case ({@code method='put'}); HTTP's are upper case. */
    private static String method(String method) {
        String upper = method.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            throw new IllegalArgumentException("sink method '" + method + "' is not one of POST, PUT, PATCH: the node's"
                    + " http sink sends each output as the request's body, which only these methods carry");
        }
        return upper;
    }

    /** RFC 7617: {@code Basic base64(user ":" password)}, UTF-8; both or neither, and no colon in the user. */
    private static Optional<String> basicAuthorization(String user, String password) {
        boolean hasUser = user != null && !user.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        if (!hasUser && !hasPassword) {
            return Optional.empty();
        }
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException("sink has basic.auth." + (hasUser ? "username" : "password")
                    + " without basic.auth." + (hasUser ? "password" : "username") + ": give both (SI would send "
                    + "neither, and the receiver would refuse every output)");
        }
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("sink basic.auth.username must not contain ':' (basic authentication "
                    + "splits the user from the password at the first colon)");
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The request of one output: its body; {@code contentType} unless the app's headers name one; its output id as
     * {@code Idempotency-Key}, which a receiver de-duplicates on; at most 10 s to answer.
     */
    HttpRequest request(byte[] body, String contentType, Optional<String> idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REPLY_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.addTo(request);
        if (!headers.has("Content-Type")) {
            request.header("Content-Type", contentType);
        }
        authorization.ifPresent(credential -> request.header("Authorization", credential));
        idempotencyKey.ifPresent(id -> request.header(HttpPostSink.IDEMPOTENCY_KEY, id));
        return request.build();
    }

    @Override
    public String toString() {
        return "HttpSinkTarget[" + method + " " + url + ", headers=" + headers.headers().stream()
                .map(SinkHeaders.Header::name).toList() + ", authorization=" + (authorization.isPresent() ? "***"
                : "none") + "]";
    }
}
