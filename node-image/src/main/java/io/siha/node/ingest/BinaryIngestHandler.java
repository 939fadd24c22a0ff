package io.siha.node.ingest;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.siha.client.IngestCodec;
import io.siha.client.IngestFrame;
import io.siha.client.RefusalCode;
import io.siha.client.WireFormatException;
import io.siha.node.engine.StreamInput;
import io.siha.node.engine.UnknownStreamException;
import io.siha.node.net.LengthPrefixedFrames;
import io.siha.node.net.RateLimitedLog;
import io.siha.node.net.ReadSuspension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One binary ingest connection: a HELLO with the token first, then EVENTS frames answered each with an ACK once every
 * event is acknowledged (held by the passive or a snapshot), or a NACK naming why nothing of it was taken: BAD_REQUEST
 * and UNKNOWN_STREAM for bad input, NOT_ACTIVE if the node stops being active first (the client retries with the same
 * ids at the new active; they count once). A frame that cannot be read gets an ERROR and closes this connection only.
 */
final class BinaryIngestHandler extends SimpleChannelInboundHandler<IngestFrame> {

    private static final Logger log = LoggerFactory.getLogger(BinaryIngestHandler.class);
    /** A client that connects and says nothing holds a connection for no one: it gets this long to send HELLO. */
    static final long HELLO_TIMEOUT_MS = 10_000;

    private final IngestAccess access;
    private final IngestTarget target;
    /** The port's refusals at WARN, at most a line per interval per code: a flood of bad clients cannot fill a log. */
    private final RateLimitedLog refusals;
    private boolean admitted;
    /** Set once the connection is being closed: frames already read behind a bad one are not taken. */
    private boolean refused;

    BinaryIngestHandler(IngestAccess access, IngestTarget target, RateLimitedLog refusals) {
        this.access = access;
        this.target = target;
        this.refusals = refusals;
    }

    /** A log of refusals for one port, shared by its connections. */
    static RateLimitedLog refusalLog() {
        return new RateLimitedLog(log);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (!admitted) {
                refuse(ctx, RefusalCode.BAD_REQUEST, "no HELLO within " + HELLO_TIMEOUT_MS + " ms");
            }
        }, HELLO_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, IngestFrame frame) {
        if (refused) {
            return;
        }
        if (!admitted) {
            if (frame instanceof IngestFrame.Hello hello) {
                admit(ctx, hello);
            } else {
                refuse(ctx, RefusalCode.BAD_REQUEST, "the first frame must be HELLO, got "
                        + frame.getClass().getSimpleName());
            }
        } else if (frame instanceof IngestFrame.Events events) {
            take(ctx, events);
        } else {
            refuse(ctx, RefusalCode.BAD_REQUEST, "a client sends only EVENTS after its HELLO, got "
                    + frame.getClass().getSimpleName());
        }
    }

    /** Checks the token before anything else, so a client without it learns nothing, not even which apps exist. */
    private void admit(ChannelHandlerContext ctx, IngestFrame.Hello hello) {
        switch (access.checkToken(hello.token())) {
            case NO_TOKEN -> refuse(ctx, RefusalCode.UNAUTHORIZED, "this port requires a token: send it in HELLO");
            case WRONG_TOKEN -> refuse(ctx, RefusalCode.UNAUTHORIZED, "the bearer token is not accepted");
            case ADMITTED -> {
                admitted = true;
                LengthPrefixedFrames frames = ctx.pipeline().get(LengthPrefixedFrames.class);
                if (frames != null) {
                    frames.authenticated();
                }
                ctx.writeAndFlush(new IngestFrame.HelloOk(IngestCodec.VERSION));
            }
        }
    }

    private void take(ChannelHandlerContext ctx, IngestFrame.Events frame) {
        long requestId = frame.requestId();
        List<IncomingEvent> events;
        try {
            StreamInput input = target.input(frame.app(), frame.stream());
            events = BinaryEventDecoder.decode(frame.events(), input, System.currentTimeMillis());
        } catch (UnknownStreamException e) {
            ctx.writeAndFlush(new IngestFrame.Nack(requestId, RefusalCode.UNKNOWN_STREAM, e.getMessage()));
            return;
        } catch (BadEventException e) {
            ctx.writeAndFlush(new IngestFrame.Nack(requestId, RefusalCode.BAD_REQUEST, e.getMessage()));
            return;
        }
        int count = events.size();
        target.submit(InputSource.BINARY_PORT, events).whenComplete((ok, failure) -> {
            if (failure == null) {
                ctx.writeAndFlush(new IngestFrame.Ack(requestId, count));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                ctx.writeAndFlush(cause instanceof IntakePausedException paused
                        ? new IngestFrame.Nack(requestId, RefusalCode.BUSY, "not acknowledged: " + paused.getMessage()
                                + "; retry with the same ids")
                        : new IngestFrame.Nack(requestId, RefusalCode.NOT_ACTIVE, "not acknowledged: "
                                + cause.getMessage() + "; retry with the same ids at the other node"));
            }
        });
    }

    /** Says why in an ERROR frame, then closes; nothing read after this is taken. */
    private void refuse(ChannelHandlerContext ctx, RefusalCode code, String message) {
        if (refused) {
            return;
        }
        refused = true;
        ReadSuspension.suspend(ctx.channel(), ReadSuspension.Reason.CLOSING);
        refusals.warn(code.name(), "binary ingest connection from {} refused ({}): {}", ctx.channel().remoteAddress(),
                code, message);
        ctx.writeAndFlush(new IngestFrame.ConnectionError(code, message)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WireFormatException bad) {
            refuse(ctx, bad.code(), bad.getMessage());
        } else if (cause instanceof TooLongFrameException tooLong) {
            refuse(ctx, RefusalCode.BAD_REQUEST, tooLong.getMessage());
        } else if (cause instanceof DecoderException) {
            refuse(ctx, RefusalCode.BAD_REQUEST, "the frame cannot be read: " + cause.getMessage());
        } else {
            log.debug("binary ingest connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
