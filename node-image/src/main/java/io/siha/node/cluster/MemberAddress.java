package io.siha.node.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node advertises in its member row's property map: where its peer finds its event sync server and
 * where clients find its ingest and REST ports.
 */
public record MemberAddress(String host, int syncPort, int httpIngestPort, int binaryIngestPort, int restPort) {

    static final String HOST = "host";
    static final String SYNC_PORT = "syncPort";
    static final String HTTP_INGEST_PORT = "httpIngestPort";
    static final String BINARY_INGEST_PORT = "binaryIngestPort";
    static final String REST_PORT = "restPort";

    Map<String, Object> toPropertyMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(HOST, host);
        map.put(SYNC_PORT, syncPort);
        map.put(HTTP_INGEST_PORT, httpIngestPort);
        map.put(BINARY_INGEST_PORT, binaryIngestPort);
        map.put(REST_PORT, restPort);
        return map;
    }

    /** Reads a property map written by {@link #toPropertyMap()}; missing ports read as 0 (not advertised). */
    static MemberAddress fromPropertyMap(Map<String, Object> map) {
        return new MemberAddress(String.valueOf(map.getOrDefault(HOST, "")),
                port(map, SYNC_PORT), port(map, HTTP_INGEST_PORT), port(map, BINARY_INGEST_PORT), port(map, REST_PORT));
    }

    private static int port(Map<String, Object> map, String key) {
        return map.get(key) instanceof Number n ? n.intValue() : 0;
    }
}
