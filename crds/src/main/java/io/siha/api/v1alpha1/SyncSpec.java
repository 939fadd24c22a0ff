package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.siha.api.SiHaDefaults;

/** Event sync: the active sends every input event to the passive, which queues it until the next snapshot covers it. */
public class SyncSpec {

    @Default("" + SiHaDefaults.SYNC_PORT)
    @Min(SchemaConstraints.PORT_MIN)
    @Max(SchemaConstraints.PORT_MAX)
    @JsonPropertyDescription("TCP port of the event sync server on each node.")
    private int port = SiHaDefaults.SYNC_PORT;

    @Default("" + SiHaDefaults.SYNC_ACK_AFTER_PASSIVE)
    @JsonPropertyDescription("true: acknowledge a client only after the passive has the event, so no acknowledged event"
            + " is lost on failover. false: acknowledge at once; faster, but the latest events may be lost.")
    private boolean ackAfterPassive = SiHaDefaults.SYNC_ACK_AFTER_PASSIVE;

    // Bounded so the passive cannot run out of memory (the source system's queue was unbounded); a full queue makes
    // the active persist sooner or slow its acks, never drop.
    @Default("" + SiHaDefaults.SYNC_QUEUE_CAPACITY)
    @Min(100)
    @JsonPropertyDescription("Events the passive queues at most while waiting for the next snapshot (the queue also"
            + " stays within a fifth of the node's heap, whatever the events' size). A cold takeover replays up to"
            + " this many events.")
    private int queueCapacity = SiHaDefaults.SYNC_QUEUE_CAPACITY;

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public boolean isAckAfterPassive() {
        return ackAfterPassive;
    }

    public void setAckAfterPassive(boolean ackAfterPassive) {
        this.ackAfterPassive = ackAfterPassive;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }
}
