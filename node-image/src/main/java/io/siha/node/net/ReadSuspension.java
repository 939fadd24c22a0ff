package io.siha.node.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Stops and resumes reading a connection for one or more reasons at once: it reads only while no reason holds. Each
 * handler names its own reason, so one that wants to read again (the client caught up with its replies) cannot undo
 * another's stop (a request is still being answered, the connection is being refused). Called on the channel's event
 * loop only.
 */
public final class ReadSuspension {

    /** Why a connection is not read. */
    public enum Reason {
        /** Its unsent replies are above the high water mark: the client is not reading them. */
        WRITES_BACKED_UP,
        /** A request is being answered; the next waits, so replies go out in request order. */
        REQUEST_OUTSTANDING,
        /** The connection is being closed: nothing more it sends is looked at. */
        CLOSING
    }

    private static final AttributeKey<int[]> REASONS = AttributeKey.valueOf(ReadSuspension.class, "reasons");

    private ReadSuspension() {
    }

    public static void suspend(Channel channel, Reason reason) {
        int[] reasons = reasons(channel);
        reasons[0] |= 1 << reason.ordinal();
        channel.config().setAutoRead(false);
    }

    /** Resumes reading if no other reason holds (Netty then reads at once). */
    public static void resume(Channel channel, Reason reason) {
        int[] reasons = reasons(channel);
        reasons[0] &= ~(1 << reason.ordinal());
        if (reasons[0] == 0) {
            channel.config().setAutoRead(true);
        }
    }

    public static boolean suspended(Channel channel, Reason reason) {
        return (reasons(channel)[0] & (1 << reason.ordinal())) != 0;
    }

    private static int[] reasons(Channel channel) {
        int[] reasons = channel.attr(REASONS).get();
        if (reasons == null) {
            reasons = new int[1];
            channel.attr(REASONS).set(reasons);
        }
        return reasons;
    }
}
