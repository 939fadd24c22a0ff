package io.siha.node.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a new active needs to continue where a snapshot was taken: the state of every app, the sequence
 * number of the last event that state includes (taken at the same barrier), and the recently seen client event
 * ids, so a client retrying after a failover is still counted once.
 *
 * @param appShapes each app's shape when its state was taken ({@code AppShape#lines}), so a takeover by a node
 *                  running changed apps can tell whether the state still fits; empty in snapshots of format 1
 */
public record NodeSnapshot(long lastSeq, Map<String, byte[]> appStates, List<String> recentEventIds,
                           Map<String, List<String>> appShapes) {

    private static final int MAGIC = 0x53494841; // "SIHA"
    /** 2 added the apps' shapes; 1 is still read. */
    private static final int VERSION = 2;

    /** The apps' serialized state, in bytes: most of a snapshot, and what the next one will allocate again. */
    public long stateBytes() {
        long total = 0;
        for (byte[] state : appStates.values()) {
            total += state.length;
        }
        return total;
    }

    /**
     * The snapshot's bytes, written into one array of exactly their size: a growing buffer would hold up to twice the
     * apps' state, and its final copy once more, on top of the state itself (large states ran the heap out here).
     */
    public byte[] toBytes() {
        long size = 4 + 4 + 8 + 4 + 4;
        for (Map.Entry<String, byte[]> app : appStates.entrySet()) {
            size += 2 + modifiedUtf8Length(app.getKey()) + 4 + app.getValue().length;
        }
        for (String id : recentEventIds) {
            size += 2 + modifiedUtf8Length(id);
        }
        size += 4;
        for (Map.Entry<String, List<String>> shape : appShapes.entrySet()) {
            size += 2 + modifiedUtf8Length(shape.getKey()) + 4;
            for (String line : shape.getValue()) {
                size += 2 + modifiedUtf8Length(line);
            }
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a snapshot of " + size + " bytes exceeds the largest array Java can hold");
        }
        ExactBuffer bytes = new ExactBuffer((int) size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(lastSeq);
            out.writeInt(appStates.size());
            for (Map.Entry<String, byte[]> app : appStates.entrySet()) {
                out.writeUTF(app.getKey());
                out.writeInt(app.getValue().length);
                out.write(app.getValue());
            }
            writeStrings(out, recentEventIds);
            out.writeInt(appShapes.size());
            for (Map.Entry<String, List<String>> shape : appShapes.entrySet()) {
                out.writeUTF(shape.getKey());
                writeStrings(out, shape.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.filled();
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    /**
     * One app's state into an array of exactly its size: {@code readNBytes} would gather it in 8 KiB chunks first and
     * then copy them, allocating it twice.
     */
    private static byte[] readState(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("an app's state of " + length + " bytes");
        }
        byte[] state = new byte[length];
        in.readFully(state);
        return state;
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> strings = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    /** The length {@link DataOutputStream#writeUTF} writes for {@code text}, without its 2-byte length prefix. */
    private static int modifiedUtf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        return length;
    }

    /** A buffer made at its final size, whose array is handed out without the copy {@code toByteArray} makes. */
    private static final class ExactBuffer extends ByteArrayOutputStream {

        ExactBuffer(int size) {
            super(size);
        }

        byte[] filled() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    public static NodeSnapshot fromBytes(byte[] data) {
        return read(new ByteArrayInputStream(data));
    }

    /** Reads a snapshot from a stream, each app's state into one array of its size and nothing else held. */
    public static NodeSnapshot read(InputStream data) {
        try (DataInputStream in = new DataInputStream(data)) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a si-ha snapshot");
            }
            int version = in.readInt();
            if (version != 1 && version != VERSION) {
                throw new IllegalArgumentException("snapshot format version " + version + " is not supported");
            }
            long lastSeq = in.readLong();
            int apps = in.readInt();
            Map<String, byte[]> states = new LinkedHashMap<>();
            for (int i = 0; i < apps; i++) {
                String name = in.readUTF();
                states.put(name, readState(in));
            }
            List<String> recent = readStrings(in);
            Map<String, List<String>> shapes = new LinkedHashMap<>();
            if (version >= 2) {
                int shaped = in.readInt();
                for (int i = 0; i < shaped; i++) {
                    shapes.put(in.readUTF(), readStrings(in));
                }
            }
            return new NodeSnapshot(lastSeq, states, recent, shapes);
        } catch (IOException e) {
            throw new IllegalArgumentException("snapshot is truncated or corrupt: " + e, e);
        }
    }
}
