package io.siha.api.v1alpha1;

/** Constraints several fields of the schema share, kept in one place so they cannot diverge. */
final class SchemaConstraints {

    /** TCP port range. */
    static final int PORT_MIN = 1;
    static final int PORT_MAX = 65_535;

    /**
     * A Kubernetes object name (RFC 1123 DNS subdomain), as ConfigMap and Secret names must be. Checking it in the
     * schema turns a typo into an error at {@code kubectl apply} instead of a pod stuck waiting for a missing volume.
     */
    static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    static final int DNS_SUBDOMAIN_MAX_LENGTH = 253;

    /** A pod name of the pair (RFC 1123 DNS label, as StatefulSet-style names NAME-0 are). */
    static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    static final int DNS_LABEL_MAX_LENGTH = 63;

    /** A key of a ConfigMap or Secret. */
    static final String CONFIG_KEY = "^[-._a-zA-Z0-9]+$";

    /**
     * A container image reference has no white space; the API server refuses a pod whose image has any at its ends,
     * which would surface only as a failing write of the operator's pod.
     */
    static final String IMAGE_REFERENCE = "^\\S+$";

    /** An absolute path of plain characters, e.g. a directory inside an image. */
    static final String ABSOLUTE_PATH = "^/[-._a-zA-Z0-9/]*$";

    /** The nodes ship only the PostgreSQL JDBC driver and use PostgreSQL-specific SQL. */
    static final String POSTGRESQL_JDBC_URL = "^jdbc:postgresql://.+";

    private SchemaConstraints() {
    }
}
