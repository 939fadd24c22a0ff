package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.siha.api.SiHaDefaults;

/**
 * What the user asks for: the node image, the Siddhi apps, the databases, and one small object per tunable concern.
 * The optional concerns default to {@code {}} in the schema so that the API server fills in their fields' defaults
 * even when the user leaves the whole object out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = SiHaClusterSpec.DISTINCT_PORTS_RULE,
        message = "sync.port, ingest.httpPort, ingest.binaryPort and the REST port " + SiHaDefaults.REST_PORT
                + " must all differ")
public class SiHaClusterSpec {

    // Each node binds all of these ports on the pod IP; a clash would only show as a node failing to start.
    // sync and ingest are always present here: their {} defaults are applied before validation.
    static final String DISTINCT_PORTS_RULE = "self.sync.port != self.ingest.httpPort"
            + " && self.sync.port != self.ingest.binaryPort"
            + " && self.ingest.httpPort != self.ingest.binaryPort"
            + " && !(" + SiHaDefaults.REST_PORT + " in [self.sync.port, self.ingest.httpPort, self.ingest.binaryPort])";

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Container image of the si-ha node that both pods run, e.g."
            + " registry.example.com/si-ha-node:0.1.0.")
    private String image;

    @Required
    @JsonPropertyDescription("The Siddhi apps both nodes run: inline or from a ConfigMap.")
    private AppsSpec apps;

    @Required
    @JsonPropertyDescription("The PostgreSQL databases for the leader lease and for persisted Siddhi state.")
    private DatabaseSpec database;

    @Default("{}")
    @JsonPropertyDescription("How often the active proves it is alive, and how many missed heartbeats end its lease.")
    private HeartbeatSpec heartbeat = new HeartbeatSpec();

    @Default("{}")
    @JsonPropertyDescription("How often the active persists Siddhi state, and how many revisions are kept.")
    private PersistenceSpec persistence = new PersistenceSpec();

    @Default("Cold")
    @JsonPropertyDescription("What the passive node does with the events synced to it. Cold (the default): it queues them, and a"
            + " takeover restores the latest snapshot and replays the queue. Hot: it applies each event as it"
            + " arrives, its outputs held, so a takeover needs no restore or replay; the pair uses about twice the"
            + " CPU. Apps with wall-clock constructs, @app:playback with idle.time, or @store tables keep a node"
            + " cold, and it logs why.")
    private StandbyMode standby = StandbyMode.COLD;

    @Default("{}")
    @JsonPropertyDescription("Event sync from the active to the passive.")
    private SyncSpec sync = new SyncSpec();

    @Default("{}")
    @JsonPropertyDescription("Ports on which the active node accepts events.")
    private IngestSpec ingest = new IngestSpec();

    @Default("{}")
    @JsonPropertyDescription("The Service that follows the active pod and exposes the ingest ports.")
    private IngestServiceSpec service = new IngestServiceSpec();

    @JsonPropertyDescription("The pod template of the two node pods: resources, scheduling, env, JVM options,"
            + " volumes, pull secrets, labels and annotations, the ServiceAccount's annotations (IRSA), priority,"
            + " topology spread and init containers. What would break the node is refused in the InvalidSpec"
            + " condition.")
    private NodePodSpec pod;

    @JsonPropertyDescription("TLS for the event sync (mutual) and for the ingest ports, from kubernetes.io/tls Secrets"
            + " as cert-manager writes them. Unset: both plain.")
    private TlsSpec tls;

    @JsonPropertyDescription("Siddhi extensions of your own (e.g. a source, a sink, a mapper, a function): jars in an image that"
            + " an init container copies for the node to load at start. Unset: only the node's own extensions.")
    private ExtensionsSpec extensions;

    @JsonPropertyDescription("Prometheus scraping of the nodes' metrics: a PodMonitor, and who may scrape from outside"
            + " the pair's namespace. Unset: no PodMonitor, and only the pair's namespace reaches the REST port.")
    private MonitoringSpec monitoring;

    @JsonPropertyDescription("Log level and format of the nodes. Unset: info, json.")
    private LoggingSpec logging;

    @JsonPropertyDescription("A planned switchover to the pod named here, requested declaratively (GitOps): carried"
            + " out once, recorded in status.lastSwitchover, and not repeated while the request stays unchanged."
            + " Unset: the nodes keep whichever is active.")
    private SwitchoverSpec switchover;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public AppsSpec getApps() {
        return apps;
    }

    public void setApps(AppsSpec apps) {
        this.apps = apps;
    }

    public DatabaseSpec getDatabase() {
        return database;
    }

    public void setDatabase(DatabaseSpec database) {
        this.database = database;
    }

    public HeartbeatSpec getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(HeartbeatSpec heartbeat) {
        this.heartbeat = heartbeat;
    }

    public PersistenceSpec getPersistence() {
        return persistence;
    }

    public void setPersistence(PersistenceSpec persistence) {
        this.persistence = persistence;
    }

    public StandbyMode getStandby() {
        return standby;
    }

    public void setStandby(StandbyMode standby) {
        this.standby = standby;
    }

    public SyncSpec getSync() {
        return sync;
    }

    public void setSync(SyncSpec sync) {
        this.sync = sync;
    }

    public IngestSpec getIngest() {
        return ingest;
    }

    public void setIngest(IngestSpec ingest) {
        this.ingest = ingest;
    }

    public IngestServiceSpec getService() {
        return service;
    }

    public void setService(IngestServiceSpec service) {
        this.service = service;
    }

    /** Null when the user set nothing: the operator then uses its own defaults (no limits, its anti-affinity). */
    public NodePodSpec getPod() {
        return pod;
    }

    public void setPod(NodePodSpec pod) {
        this.pod = pod;
    }

    /** Null when neither channel uses TLS. */
    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    /** Null when the pair runs the node's own extensions only. */
    public ExtensionsSpec getExtensions() {
        return extensions;
    }

    public void setExtensions(ExtensionsSpec extensions) {
        this.extensions = extensions;
    }

    /** Null when nothing about monitoring is asked for. */
    public MonitoringSpec getMonitoring() {
        return monitoring;
    }

    public void setMonitoring(MonitoringSpec monitoring) {
        this.monitoring = monitoring;
    }

    /** Null when the nodes log with their defaults. */
    public LoggingSpec getLogging() {
        return logging;
    }

    public void setLogging(LoggingSpec logging) {
        this.logging = logging;
    }

    /** Null when no switchover is requested. */
    public SwitchoverSpec getSwitchover() {
        return switchover;
    }

    public void setSwitchover(SwitchoverSpec switchover) {
        this.switchover = switchover;
    }
}
