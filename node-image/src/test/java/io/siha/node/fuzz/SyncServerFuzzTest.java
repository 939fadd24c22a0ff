package io.siha.node.fuzz;

import io.siha.node.sync.LiveSyncPair;
import io.siha.node.sync.WireFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage on a real passive's sync port, from a peer that never authenticated and from one that proved the secret:
 * the server closes that connection (with the decoder's reason when it can still send one), the queue keeps exactly
 * what the real active replicated, and the active, still or again connected, replicates the next event.
 */
class SyncServerFuzzTest {

    private static LiveSyncPair pair;

    @BeforeAll
    static void start() {
        pair = new LiveSyncPair(50);
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void garbageBeforeTheHandshakeClosesOnlyThatConnection() {
        Fuzz.tries(150, random -> {
            String reason = pair.sendRaw(SyncInput.garbage(random), false);

            assertThat(reason).as("the refusal, if the server could send one").satisfiesAnyOf(
                    r -> assertThat(r).isNull(), r -> assertThat(r).isNotBlank());
            assertThat(pair.queueHoldsExactlyWhatWasReplicated()).as("the queue is untouched").isTrue();
            pair.replicateMore(1);
        });
    }

    @Test
    void garbageFromAnAdmittedPeerClosesItsConnectionAndTheActiveCarriesOn() {
        Fuzz.tries(60, random -> {
            Garbage bad = badGarbage(random);

            String reason = pair.sendRaw(bad.bytes(), true);

            assertThat(reason).as("the decoder's reason, unless the stream ended before it could be sent")
                    .satisfiesAnyOf(r -> assertThat(r).isNull(), r -> assertThat(r).isEqualTo("bad frame: "
                            + bad.verdict().badFrame()));
            assertThat(pair.queueHoldsExactlyWhatWasReplicated()).as("the queue is untouched").isTrue();
            pair.replicateMore(1);
        });
    }

    /** Garbage and what the decoder makes of it. */
    private record Garbage(byte[] bytes, WireFrames.Decoded verdict) {
    }

    /**
     * Garbage the decoder refuses before any frame. Valid frames from a peer that holds the secret are the protocol,
     * not garbage: only bad bytes count here, so this draws until it has some (most garbage is).
     */
    private static Garbage badGarbage(Random random) {
        for (int draw = 0; draw < 1_000; draw++) {
            byte[] garbage = SyncInput.garbage(random);
            WireFrames.Decoded verdict = WireFrames.decode(List.of(garbage), WireFrames.MAX_FRAME_BYTES);
            if (verdict.frames().isEmpty() && verdict.refused()) {
                return new Garbage(garbage, verdict);
            }
        }
        throw new AssertionError("1,000 draws of garbage and none refused by the decoder before any frame");
    }
}
