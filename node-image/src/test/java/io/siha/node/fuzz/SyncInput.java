package io.siha.node.fuzz;

import io.siha.node.sync.WireFrames;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/** What the fuzz tests send to the sync port: valid frame streams, mutations of them, lying lengths, noise. */
final class SyncInput {

    private SyncInput() {
    }

    /** One to four valid frames, each with its length prefix. */
    static List<byte[]> validStream(Random random) {
        return Draw.list(random, 1, 4, () -> WireFrames.anyValidFrame(random));
    }

    /** A valid stream with one to three mutations applied. */
    static byte[] mutatedStream(Random random) {
        byte[] stream = concat(validStream(random));
        return ByteMutation.several(random, 3).apply(stream);
    }

    /** Lengths at and around the limits, the 32-bit edges (read as unsigned), and anywhere in between. */
    static long claimedLength(Random random) {
        long max = WireFrames.MAX_FRAME_BYTES;
        return random.nextBoolean()
                ? Draw.of(random, 0L, 1L, 2L, 3L, max - 1, max, max + 1, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL)
                : Draw.between(random, 0, 0xffff_ffffL);
    }

    /** A length prefix claiming {@code claimed} bytes, followed by {@code body}. */
    static byte[] withClaimedLength(long claimed, byte[] body) {
        return concat(List.of(ByteBuffer.allocate(WireFrames.LENGTH_BYTES).putInt((int) claimed).array(), body));
    }

    /** Any of the above, or plain noise. */
    static byte[] garbage(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Draw.bytes(random, 0, 300);
            case 1 -> mutatedStream(random);
            default -> withClaimedLength(claimedLength(random), Draw.bytes(random, 0, 32));
        };
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
