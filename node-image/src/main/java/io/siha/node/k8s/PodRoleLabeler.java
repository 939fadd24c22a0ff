package io.siha.node.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.siha.api.SiHaLabels;
import io.siha.node.cluster.RoleChange;
import io.siha.node.config.PodIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Writes this node's role onto its own pod: label {@code siha.io/role} (the Service selects the active pod by it)
 * and, on becoming active, annotation {@code siha.io/epoch}. One background thread applies the latest wanted role
 * with a JSON merge patch, retrying with backoff; an older wanted role is never written after a newer one.
 */
final class PodRoleLabeler implements RolePublisher {

    private static final Logger log = LoggerFactory.getLogger(PodRoleLabeler.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final KubernetesClient client;
    private final PodIdentity pod;
    private final Thread worker;

    // Guarded by this.
    private PodRole wanted;
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

    private synchronized long want(PodRole role) {
        wanted = role;
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
            long version;
            synchronized (this) {
                while (!closed && appliedVersion == wantedVersion) {
                    waitQuietly(0);
                }
                if (closed) {
                    return;
                }
                role = wanted;
                version = wantedVersion;
            }
            try {
                patch(role);
                synchronized (this) {
                    appliedVersion = Math.max(appliedVersion, version);
                    notifyAll();
                }
                if (failing) {
                    log.info("pod {}/{} labelled {} after earlier failures", pod.namespace(), pod.name(), role);
                }
                failing = false;
                backoff = FIRST_BACKOFF_MS;
            } catch (KubernetesClientException e) {
                if (!failing) {
                    log.warn("could not label pod {}/{} {} (HTTP {}): {}; retrying with backoff", pod.namespace(),
                            pod.name(), role, e.getCode(), e.getMessage());
                }
                failing = true;
                synchronized (this) {
                    waitQuietly(backoff);
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private void patch(PodRole role) {
        client.pods().inNamespace(pod.namespace()).withName(pod.name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), role.mergePatch());
        log.debug("pod {}/{} labelled {}", pod.namespace(), pod.name(), role);
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

        String mergePatch() {
            String labels = "\"labels\":{\"" + SiHaLabels.ROLE + "\":\"" + role + "\"}";
            String annotations = epoch > 0 ? ",\"annotations\":{\"" + SiHaLabels.EPOCH + "\":\"" + epoch + "\"}" : "";
            return "{\"metadata\":{" + labels + annotations + "}}";
        }

        @Override
        public String toString() {
            return epoch > 0 ? role + " (epoch " + epoch + ")" : role;
        }
    }
}
