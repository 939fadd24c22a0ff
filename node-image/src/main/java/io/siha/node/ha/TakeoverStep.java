package io.siha.node.ha;

import java.util.Locale;

/**
 * The steps of a takeover, in order: what the log line at its end names ({@link #description}) and the {@code step}
 * label of {@code siha_takeover_step_seconds} ({@link #label}).
 */
enum TakeoverStep {
    PREPARE_DATABASE("prepare the persistence database"),
    CLAIM_FENCE("claim the persistence fence"),
    TAKE_HOT_STANDBY("catch up and take the hot standby's runtime"),
    READ_SNAPSHOT_POSITION("read where the latest snapshot stands"),
    TAKE_STANDBY_RUNTIME("take the standby Siddhi runtime"),
    START_RUNTIME("start the Siddhi runtime"),
    READ_SNAPSHOT("read the latest snapshot"),
    CHECK_PEERS("check that no live peer holds events this state lacks"),
    RESTORE_SNAPSHOT("restore the latest snapshot"),
    CREATE_TERM("create the term (its meters, sync client and threads)"),
    REPLAY_QUEUE("replay the queued events"),
    PERSIST_STATE("persist the state"),
    START_SERVING("open the output gate and start the term's background work"),
    START_SOURCES("start the apps' sources"),
    OPEN_HTTP_INGEST("open the ingest port"),
    OPEN_BINARY_INGEST("open the binary ingest port");

    private final String description;

    TakeoverStep(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
