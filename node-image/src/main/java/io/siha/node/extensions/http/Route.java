package io.siha.node.extensions.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.siddhi.core.stream.input.source.SourceEventListener;
import io.siha.node.extensions.DeliveryCount;
import io.siha.node.ingest.BadEventException;
import io.siha.node.source.SourceEventRefusedException;
import io.siha.node.source.SourceRefusals;

import java.util.Optional;

/**
 * One HTTP source: a path on a port, the stream its mapper feeds, and whether it asks for the node's token. It hands a
 * request's body to the mapper on the calling thread, which returns once the pair holds every event the body became,
 * and says what the client is to be told.
 */
final class Route {

    /** What a request is answered: a status, and the error's message or how many events the pair took. */
    record Reply(HttpResponseStatus status, String message, int events) {

        static Reply error(HttpResponseStatus status, String message) {
            return new Reply(status, message, 0);
        }
    }

    final ReceiverUrl url;
    final String app;
    final String stream;
    final boolean authenticated;
    private final SourceEventListener listener;
    private final String[] headerNames;
    private boolean paused;

    /** @param headerNames the request headers the mapper asks for as transport properties ({@code trp:name}) */
    Route(ReceiverUrl url, String app, String stream, boolean authenticated, SourceEventListener listener,
          String[] headerNames) {
        this.url = url;
        this.app = app;
        this.stream = stream;
        this.authenticated = authenticated;
        this.listener = listener;
        this.headerNames = headerNames == null ? new String[0] : headerNames.clone();
    }

    /**
     * Maps {@code body} and hands the events over; returns once the pair holds them or one was refused.
     *
     * @param idempotencyKey the request's {@code Idempotency-Key}: the id of its single event, {@code key#i} of the
     *                       i-th of a batch; null when it has none
     */
    Reply deliver(String body, String idempotencyKey, HttpHeaders headers) throws InterruptedException {
        awaitResumed();
        Object[] transportProperties = new Object[headerNames.length];
        for (int i = 0; i < headerNames.length; i++) {
            transportProperties[i] = headers.get(headerNames[i]);
        }
        SourceRefusals.clear();
        DeliveryCount.reset();
        listener.onEvent(body, transportProperties, new String[] {idempotencyKey});
        int handed = DeliveryCount.handed();
        Optional<SourceEventRefusedException> refusal = SourceRefusals.take();
        if (refusal.isPresent()) {
            return refusal.get().getCause() instanceof BadEventException
                    ? Reply.error(HttpResponseStatus.BAD_REQUEST, refusal.get().getMessage())
                    : Reply.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "not acknowledged: "
                            + refusal.get().getMessage() + "; retry with the same Idempotency-Key");
        }
        if (handed == 0) {
            return Reply.error(HttpResponseStatus.BAD_REQUEST, "the body is not an event of stream '" + stream
                    + "' for this source's @map (its reason is in the node's log); nothing was taken");
        }
        return new Reply(HttpResponseStatus.OK, null, handed);
    }

    /** Siddhi pauses sources around a persist; a request waits meanwhile (on a worker thread, not the event loop). */
    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    private synchronized void awaitResumed() throws InterruptedException {
        while (paused) {
            wait();
        }
    }

    @Override
    public String toString() {
        return url + " (app '" + app + "', stream '" + stream + "')";
    }
}
