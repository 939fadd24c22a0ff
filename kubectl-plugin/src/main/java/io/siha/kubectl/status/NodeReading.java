package io.siha.kubectl.status;

/** What asking one pod's node for its {@code /v1/status} gave. */
public sealed interface NodeReading {

    /** The node answered. */
    record Reported(NodeReport report) implements NodeReading {
    }

    /** The node did not answer, or not with a status; {@code reason} says what happened, for the user. */
    record Unreachable(String reason) implements NodeReading {
    }
}
