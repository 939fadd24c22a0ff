package io.siha.node.ha;

import io.siha.api.v1alpha1.StandbyMode;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.HotStandbyEligibility;

import java.util.List;

/**
 * Whether this node's passive runs a hot standby (and its active sends the state digests one compares), decided once
 * from the mode asked for and the apps: a hot standby of apps whose replay cannot reproduce their state runs cold.
 *
 * @param coldReason why a node asked to run hot runs cold; null when it runs as asked
 */
public record StandbyPlan(boolean hot, String coldReason) {

    public static StandbyPlan of(StandbyMode asked, List<AppSource> apps) {
        if (asked != StandbyMode.HOT) {
            return new StandbyPlan(false, null);
        }
        return HotStandbyEligibility.coldReason(apps).map(reason -> new StandbyPlan(false, reason))
                .orElse(new StandbyPlan(true, null));
    }
}
