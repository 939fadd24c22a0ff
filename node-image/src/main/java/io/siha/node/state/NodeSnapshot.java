package io.siha.node.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a new active needs to continue where a snapshot was taken: the state of every app, the sequence
 * number of the last event that state includes (taken at the same barrier), and the recently seen client event
 * ids, so a client retrying after a failover is still counted once.
 */
public record NodeSnapshot(long lastSeq, Map<String, byte[]> appStates, List<String> recentEventIds) {

    private static final int MAGIC = 0x53494841; // "SIHA"
    private static final int VERSION = 1;

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
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
            out.writeInt(recentEventIds.size());
            for (String id : recentEventIds) {
                out.writeUTF(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    public static NodeSnapshot fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a si-ha snapshot");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("snapshot format version " + version + " is not supported");
            }
            long lastSeq = in.readLong();
            int apps = in.readInt();
            Map<String, byte[]> states = new LinkedHashMap<>();
            for (int i = 0; i < apps; i++) {
                String name = in.readUTF();
                states.put(name, in.readNBytes(in.readInt()));
            }
            int ids = in.readInt();
            List<String> recent = new ArrayList<>(ids);
            for (int i = 0; i < ids; i++) {
                recent.add(in.readUTF());
            }
            return new NodeSnapshot(lastSeq, states, recent);
        } catch (IOException e) {
            throw new IllegalArgumentException("snapshot is truncated or corrupt: " + e, e);
        }
    }
}
