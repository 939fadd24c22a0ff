package io.siha.operator.model;

import io.siha.api.SiHaDefaults;
import io.siha.api.v1alpha1.SiHaClusterSpec;

import java.util.List;

/**
 * A port the node itself binds on its pod IP, named as on the container, with what sets it: each must differ from the
 * others and from every port the apps' sources listen on, or the node cannot start (or a source cannot open).
 */
record NodePort(String name, int number, String describedAs) {

    /** The TCP port range. */
    static final int MIN = 1;
    static final int MAX = 65_535;

    /** In the order the container lists them. */
    static List<NodePort> of(SiHaClusterSpec spec) {
        return List.of(
                new NodePort(NodePodModel.SYNC_PORT_NAME, spec.getSync().getPort(),
                        "the node's sync port (spec.sync.port)"),
                new NodePort(NodePodModel.HTTP_INGEST_PORT_NAME, spec.getIngest().getHttpPort(),
                        "the node's HTTP ingest port (spec.ingest.httpPort)"),
                new NodePort(NodePodModel.BINARY_INGEST_PORT_NAME, spec.getIngest().getBinaryPort(),
                        "the node's binary ingest port (spec.ingest.binaryPort)"),
                new NodePort(NodePodModel.REST_PORT_NAME, SiHaDefaults.REST_PORT, "the node's REST port"));
    }
}
