package io.siha.operator.pair;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values the operator writes into {@code siha.io/step-down}. The node hands over once per new value. A rollout's
 * token is the template hash it rolls to (the pod is replaced afterwards, so the token goes with it). A drain's or a
 * requested switchover's names the lease epoch of the term it ends: unique per term, so a pod that becomes active
 * again later is asked anew, and a token left on a pod tells which handover it caused. A switchover's also carries
 * the request's {@code requestId}, when it has one: a request asked again after one timed out in the same term must be
 * a new value, or the node, which saw the old one, would not act on it.
 */
final class StepDownTokens {

    private static final String DRAIN = "drain-epoch-";
    private static final String SWITCHOVER = "switchover-epoch-";
    private static final String REQUEST = ":";
    private static final Pattern TERM = Pattern.compile("^(?:" + DRAIN + "|" + SWITCHOVER + ")(-?\\d+)(?:" + REQUEST
            + ".*)?$", Pattern.DOTALL);

    private StepDownTokens() {
    }

    static String drain(NodePodView active) {
        return DRAIN + active.epochOrMinusOne();
    }

    static String switchover(long epoch, SwitchoverRequest request) {
        String term = SWITCHOVER + epoch;
        return request.requestId().isEmpty() ? term : term + REQUEST + request.requestId();
    }

    /** The epoch a drain's or switchover's token ends; empty for a rollout's token. */
    static OptionalLong termOf(String token) {
        Matcher matcher = TERM.matcher(token);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}
