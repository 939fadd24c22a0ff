package io.siha.node.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.siha.api.SiHaLabels;
import io.siha.node.cluster.RoleChange;
import io.siha.node.config.PodIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes this node's role onto its own pod: label {@code siha.io/role} (the Service selects the active pod by it)
 * and, on becoming active, annotation {@code siha.io/epoch}; and what goes wrong while it serves (annotations
 * {@code siha.io/snapshots-failing-since} and {@code siha.io/refusing-events}, removed when it is over). One
 * background thread applies the latest wanted state with a JSON merge patch, retrying with backoff; an older wanted
 * state is never written after a newer one.
 */
final class PodRoleLabeler implements RolePublisher {

    private static final Logger log = LoggerFactory.getLogger(PodRoleLabeler.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final PodIdentity pod;
    private final Thread worker;

    // Guarded by this.
    private PodRole wanted = PodRole.passive(0);
    private NodeTrouble wantedTrouble = NodeTrouble.NONE;
    private StateReport wantedReport = StateReport.NONE;
    private long wantedVersion;
    private long appliedVersion;
    private boolean closed;

    PodRoleLabeler(KubernetesClient client, PodIdentity pod) {
        this.client = client;
        this.pod = pod;
        this.worker = new Thread(this::applyLoop, "siha-pod-labels");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public boolean publishPassiveAtStart(long timeoutMillis) {
        long version = want(PodRole.passive(0));
        return awaitApplied(version, timeoutMillis);
    }

    @Override
    public void onRoleChange(RoleChange change) {
        want(change instanceof RoleChange.BecameActive ? PodRole.active(change.epoch())
                : PodRole.passive(change.epoch()));
    }

    @Override
    public synchronized void publishTrouble(NodeTrouble trouble) {
        if (!trouble.equals(wantedTrouble)) {
            wantedTrouble = trouble;
            wantNewVersion();
        }
    }

    @Override
    public synchronized void publishStateReport(StateReport report) {
        if (!report.equals(wantedReport)) {
            wantedReport = report;
            wantNewVersion();
        }
    }

    private synchronized long want(PodRole role) {
        wanted = role;
        return wantNewVersion();
    }

    /** Something wanted changed: the worker writes the whole wanted state again. Called holding this. */
    private long wantNewVersion() {
        wantedVersion++;
        notifyAll();
        return wantedVersion;
    }

    synchronized boolean awaitApplied(long version, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (appliedVersion < version) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void applyLoop() {
        long backoff = FIRST_BACKOFF_MS;
        boolean failing = false;
        while (true) {
            PodRole role;
            NodeTrouble trouble;
            StateReport report;
            long version;
            synchronized (this) {
                while (!closed && appliedVersion == wantedVersion) {
                    waitQuietly(0);
                }
                if (closed) {
                    return;
                }
                role = wanted;
                trouble = wantedTrouble;
                report = wantedReport;
                version = wantedVersion;
            }
            try {
                patch(role, trouble, report);
                synchronized (this) {
                    appliedVersion = Math.max(appliedVersion, version);
                    notifyAll();
                }
                if (failing) {
                    log.info("pod {}/{} labelled {} after earlier failures", pod.namespace(), pod.name(), role);
                }
                failing = false;
                backoff = FIRST_BACKOFF_MS;
            } catch (RuntimeException e) { // any failure: this thread must outlive it, or roles stop reaching the pod
                if (!failing) {
                    log.warn("could not label pod {}/{} {} ({}): {}; retrying with backoff", pod.namespace(),
                            pod.name(), role, e instanceof KubernetesClientException k ? "HTTP " + k.getCode()
                                    : e.getClass().getSimpleName(), e.getMessage());
                }
                failing = true;
                synchronized (this) {
                    waitQuietly(backoff);
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private void patch(PodRole role, NodeTrouble trouble, StateReport report) {
        client.pods().inNamespace(pod.namespace()).withName(pod.name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch(role, trouble, report));
        log.debug("pod {}/{} labelled {}", pod.namespace(), pod.name(), role);
    }

    /**
     * The patch for a wanted state. A null value removes an annotation in a merge patch, so trouble that is over
     * leaves the pod; the annotations are written from the first patch on, whatever the role.
     */
    static String mergePatch(PodRole role, NodeTrouble trouble, StateReport report) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        if (role.epoch() > 0) {
            annotations.put(SiHaLabels.EPOCH, Long.toString(role.epoch()));
        }
        annotations.put(SiHaLabels.SNAPSHOTS_FAILING_SINCE, trouble.snapshotsFailingSince().map(Instant::toString)
                .orElse(null));
        annotations.put(SiHaLabels.REFUSING_EVENTS, trouble.refusingEvents().orElse(null));
        annotations.put(SiHaLabels.INCOMPATIBLE_STATE, report.refused().orElse(null));
        annotations.put(SiHaLabels.DISCARDED_STATE, report.discarded().orElse(null));
        Map<String, Object> metadata = Map.of("labels", Map.of(SiHaLabels.ROLE, role.role()),
                "annotations", annotations);
        try {
            return JSON.writeValueAsString(Map.of("metadata", metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            worker.join(MAX_BACKOFF_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The role and epoch to show on the pod. The epoch is that of the node's latest term as active, also after it
     * ended (so a short term skipped by "latest wins" still shows); 0 means none yet and leaves the annotation.
     */
    record PodRole(String role, long epoch) {

        static PodRole active(long epoch) {
            return new PodRole(SiHaLabels.ROLE_ACTIVE, epoch);
        }

        static PodRole passive(long lastEpoch) {
            return new PodRole(SiHaLabels.ROLE_PASSIVE, lastEpoch);
        }


        @Override
        public String toString() {
            return epoch > 0 ? role + " (epoch " + epoch + ")" : role;
        }
    }
}
