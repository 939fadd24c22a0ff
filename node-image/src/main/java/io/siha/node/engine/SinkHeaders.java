package io.siha.node.engine;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code headers} of SI's http sink, {@code "'Content-Type:application/json','X-Key:value'"}: quoted
 * {@code name:value} pairs separated by {@code ','} (split as SI does, on {@code ','} and then on the first colon),
 * checked once, when the app starts, so that no request can fail for a header later: a failing request is retried for
 * as long as it fails, and a header that can never be sent would hold up the sink's outbox for good. Messages name a
 * header by its name or position only: a value may be a credential ({@code 'Authorization:Bearer ...'}).
 */
record SinkHeaders(List<Header> headers) {

    /** One header; names compare without regard to case, as in HTTP. */
    record Header(String name, String value) {

        boolean named(String other) {
            return name.equalsIgnoreCase(other);
        }

        @Override
        public String toString() {
            return name + ": <not shown>";
        }
    }

    /**
     * Headers the node sets itself: the output id, and what the HTTP client derives from the request (the length of
     * the body, the host of publisher.url, the connection). Java's client refuses the latter; saying so here names the
     * app's option instead.
     */
    private static final Set<String> NODES_OWN = Set.of("idempotency-key", "content-length", "host", "connection",
            "expect", "upgrade", "transfer-encoding");

    static final SinkHeaders NONE = new SinkHeaders(List.of());

    SinkHeaders {
        headers = List.copyOf(headers);
    }

    /** Parses SI's format; null or blank: no headers. Throws naming the pair that is wrong and why. */
    static SinkHeaders parse(String option) {
        if (option == null || option.isBlank()) {
            return NONE;
        }
        String list = option.trim();
        if (list.length() < 2 || list.charAt(0) != '\'' || list.charAt(list.length() - 1) != '\'') {
            throw new IllegalArgumentException("sink headers must be quoted name:value pairs separated by commas, "
                    + "as in SI: headers=\"'Content-Type:application/json','X-Key:value'\"");
        }
        List<Header> headers = new ArrayList<>();
        String[] pairs = list.substring(1, list.length() - 1).split("','", -1);
        for (int i = 0; i < pairs.length; i++) {
            headers.add(header(pairs[i], i + 1));
        }
        return new SinkHeaders(headers);
    }

    private static Header header(String pair, int position) {
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("sink headers: entry " + position + " is not name:value, as in "
                    + "'X-Key:value'");
        }
        Header header = new Header(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        if (NODES_OWN.contains(header.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("sink header '" + header.name() + "' is set by the node itself (the "
                    + "output id as Idempotency-Key, the rest from the request); leave it out");
        }
        try {
            // Java's client checks a name's characters and a value's (no line breaks) as it would when sending.
            HttpRequest.newBuilder().header(header.name(), header.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sink headers: entry " + position + " ('" + header.name() + "') cannot"
                    + " be sent: a header name is letters, digits and !#$%&'*+-.^_`|~, a value has no line break", e);
        }
        return header;
    }

    boolean has(String name) {
        return headers.stream().anyMatch(header -> header.named(name));
    }

    /** Adds every header to {@code request}, in the app's order. */
    void addTo(HttpRequest.Builder request) {
        headers.forEach(header -> request.header(header.name(), header.value()));
    }
}
