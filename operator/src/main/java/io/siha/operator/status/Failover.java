package io.siha.operator.status;

import java.util.OptionalLong;

/**
 * A change of active node the operator noticed between two reconciles.
 *
 * @param planned the former active had been asked to step down (rolling update), so this was a switchover
 */
public record Failover(String from, String to, OptionalLong epoch, boolean planned) {

    public String describe() {
        String kind = planned ? "Planned switchover" : "Failover";
        return kind + " from " + (from == null ? "unknown" : from) + " to " + to
                + (epoch.isPresent() ? " (epoch " + epoch.getAsLong() + ")" : "");
    }
}
