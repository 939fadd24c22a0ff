package io.siha.node.fuzz;

import io.siha.node.sync.WireFrames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync port's frame decoder fed random bytes, valid frames, mutated frames, lying lengths and unknown type codes,
 * in one read or cut into many: it yields valid frames or refuses with its BadFrameException, never throws anything
 * else, never hangs, and never allocates a length it was only told about.
 */
class FrameDecoderFuzzTest {

    private static final int MAX = WireFrames.MAX_FRAME_BYTES;
    private static final Duration NO_HANG = Duration.ofSeconds(5);
    /**
     * Decoding a few KiB of input allocates some KiB (buffers, frames, messages). A decoder that believed a claimed
     * length would allocate up to the 1 MiB frame limit, or gigabytes past it.
     */
    private static final long ALLOCATION_BOUND = 256 * 1024;

    /**
     * The first decode loads and initializes Netty's classes, and the first refusal builds its message's string
     * concatenation, which allocates what no later decode does.
     */
    @BeforeAll
    static void warmUp() {
        WireFrames.decode(List.of(SyncInput.withClaimedLength(3, new byte[] {1, 6, 0})), MAX);
        WireFrames.decode(List.of(SyncInput.withClaimedLength(MAX + 1L, new byte[0])), MAX);
        WireFrames.decode(List.of(SyncInput.withClaimedLength(1, new byte[0])), MAX);
    }

    @Test
    void randomBytesAreFramesOrARefusal() {
        Fuzz.tries(300, random -> checkDecodes(Draw.bytes(random, 0, 400), cuts(random)));
    }

    @Test
    void validFramesDecodeToThemselvesWhereverTheStreamIsCut() {
        Fuzz.tries(200, random -> {
            List<byte[]> frames = SyncInput.validStream(random);

            WireFrames.Decoded decoded = checkDecodes(SyncInput.concat(frames), cuts(random));

            assertThat(decoded.refused()).as("refused: %s", decoded.badFrame()).isFalse();
            assertThat(decoded.frames()).containsExactlyElementsOf(frames);
        });
    }

    @Test
    void mutatedFramesAreDecodedOrRefusedTheSameWayWhereverTheStreamIsCut() {
        Fuzz.tries(500, random -> {
            byte[] mutated = SyncInput.mutatedStream(random);

            WireFrames.Decoded whole = checkDecodes(mutated, List.of());
            WireFrames.Decoded pieces = checkDecodes(mutated, cuts(random));

            assertThat(pieces.frames()).as("frames decoded from the pieces").containsExactlyElementsOf(whole.frames());
            assertThat(pieces.badFrame()).as("refusal of the pieces").isEqualTo(whole.badFrame());
        });
    }

    @Test
    void aClaimedLengthIsNeverAllocatedAndOneOutsideTheLimitIsRefusedAtOnce() {
        Fuzz.tries(300, random -> {
            long claimed = SyncInput.claimedLength(random);
            byte[] body = Draw.bytes(random, 0, 64);
            byte[] stream = SyncInput.withClaimedLength(claimed, body);

            WireFrames.Decoded decoded = checkDecodes(stream, List.of());

            if (claimed < 2 || claimed > MAX) {
                assertThat(decoded.badFrame()).isEqualTo("frame length " + claimed + " is outside 2.." + MAX);
            } else if (body.length < claimed) {
                assertThat(decoded.badFrame()).as("a stream that ends inside the frame")
                        .isEqualTo("the connection ended inside a frame, " + stream.length + " bytes of it received");
            }
        });
    }

    @Test
    void anUnknownFrameTypeIsRefusedByItsCode() {
        Fuzz.tries(200, random -> {
            byte[] wrongType = WireFrames.anyValidFrame(random);
            int code = Draw.between(random, 10, 255); // 1 to 9 are the protocol's
            wrongType[WireFrames.TYPE_OFFSET] = (byte) code;

            assertThat(checkDecodes(wrongType, List.of()).badFrame()).isEqualTo("unknown frame type " + code);
        });
    }

    /** Decodes under the hang and allocation limits and checks that nothing but a BadFrameException came out. */
    private static WireFrames.Decoded checkDecodes(byte[] stream, List<Integer> cuts) {
        List<byte[]> chunks = cut(stream, cuts);
        MeasuredCall<WireFrames.Decoded> call = MeasuredCall.run(NO_HANG, () -> WireFrames.decode(chunks, MAX));
        WireFrames.Decoded decoded = call.result();
        assertThat(decoded.unexpected()).as("an exception other than BadFrameException").isNull();
        assertThat(call.allocatedBytes()).as("bytes allocated decoding %d bytes", stream.length)
                .isLessThan(ALLOCATION_BOUND + 64L * stream.length);
        return decoded;
    }

    /** Where to cut a stream into reads: up to 6 offsets, taken modulo its length. */
    private static List<Integer> cuts(Random random) {
        return Draw.list(random, 0, 6, () -> Draw.between(random, 0, 10_000));
    }

    private static List<byte[]> cut(byte[] stream, List<Integer> cuts) {
        List<Integer> offsets = cuts.stream().map(c -> stream.length == 0 ? 0 : c % stream.length).sorted()
                .distinct().toList();
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int offset : offsets) {
            chunks.add(Arrays.copyOfRange(stream, from, offset));
            from = offset;
        }
        chunks.add(Arrays.copyOfRange(stream, from, stream.length));
        return chunks;
    }
}
