package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.List;

/**
 * A list of NetworkPolicy peers from the spec ({@code spec.ingest.allowedFrom}, {@code spec.monitoring.scrapeFrom}).
 * The API server refuses a peer that names no source, which would show as a failing write of the operator's
 * NetworkPolicy; and an empty list would mean "from everywhere" in a rule, the opposite of what [] reads as.
 */
final class PeerChecks {

    private PeerChecks() {
    }

    /** @param unsetMeans what leaving the field out does, for the message on an empty list */
    static void check(String field, List<NetworkPolicyPeer> peers, String unsetMeans, List<SpecProblem> problems) {
        if (peers == null) {
            return;
        }
        if (peers.isEmpty()) {
            problems.add(new SpecProblem(field, "must list at least one peer, or be left out to " + unsetMeans));
        }
        for (int i = 0; i < peers.size(); i++) {
            NetworkPolicyPeer peer = peers.get(i);
            if (peer == null || peer.getPodSelector() == null && peer.getNamespaceSelector() == null
                    && peer.getIpBlock() == null) {
                problems.add(new SpecProblem(field + "[" + i + "]",
                        "needs a podSelector, a namespaceSelector or an ipBlock"));
            }
        }
    }
}
