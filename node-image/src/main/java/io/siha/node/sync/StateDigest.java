package io.siha.node.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The active's state at one seq, as a SHA-256 of each app's state (its sinks' held outputs left out, which differ
 * between the nodes by design): a hot standby that applied the same events computes the same digests, and one that
 * does not has diverged and must resynchronise.
 *
 * @param seq    the last event the state includes
 * @param sha256 each app's digest by app name, in hex, sorted by name
 */
public record StateDigest(long seq, Map<String, String> sha256) {

    public StateDigest {
        sha256 = new TreeMap<>(sha256);
    }

    /** The apps whose digest differs from {@code other}'s, or that only one of the two has; empty when they agree. */
    public List<String> appsDifferingFrom(StateDigest other) {
        Map<String, String> all = new HashMap<>(other.sha256);
        all.putAll(sha256);
        return all.keySet().stream().sorted()
                .filter(app -> !sha256.getOrDefault(app, "").equals(other.sha256.getOrDefault(app, "")))
                .toList();
    }
}
