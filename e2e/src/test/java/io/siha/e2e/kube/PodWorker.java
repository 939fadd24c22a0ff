package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The kubelet's work for one pod (one uid): start its container, probe readiness, report status, restart the
 * container when its process dies (restartPolicy Always), and on deletion stop it with SIGTERM within the grace
 * period. Everything for the pod runs on one thread, so status writes never race each other.
 *
 * <p>Graceful deletion: the kubelet puts a finalizer on the pod when it starts it and removes it once the process
 * has exited. A real API server keeps a deleted pod (Terminating) until its kubelet confirms the containers are gone;
 * the mock deletes at once unless a finalizer holds the object. So, as on a cluster, the operator sees the pod
 * terminating and cannot create its replacement (same name, same ports) while the old process still shuts down.
 */
final class PodWorker {

    static final String FINALIZER = "e2e.siha.io/kubelet";
    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
    // A container that dies this soon after starting is crash-looping: wait before the next start.
    private static final Duration QUICK_EXIT = Duration.ofSeconds(5);
    private static final Duration CRASH_BACKOFF = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final NodeImage image;
    private final PodEnvResolver envResolver;
    private final PodStatusWriter statusWriter;
    private final LoopbackAddresses addresses;
    private final Pod pod;
    private final Container container;
    private final Path directory;
    private final ScheduledExecutorService thread;
    private final Instant startedAt = Instant.now();
    private final List<Long> pids = new CopyOnWriteArrayList<>();
    // Where the current container's lines begin in the log file; read by the API server's log subresource too.
    private volatile long logOffset;

    // Confined to the pod's thread.
    private String podIp;
    private HttpGetProbe probe;
    private Optional<HttpGetProbe> startupProbe;
    private ScheduledFuture<?> probing;
    private ContainerProcess process;
    private boolean started;
    private boolean ready;
    private boolean crashLoopBackOff;
    private int restartCount;
    private Optional<PodStatusWriter.Termination> lastTermination = Optional.empty();
    private boolean terminating;

    PodWorker(KubernetesClient client, NodeImage image, PodEnvResolver envResolver, PodStatusWriter statusWriter,
              LoopbackAddresses addresses, Pod pod, Path directory) {
        this.client = client;
        this.image = image;
        this.envResolver = envResolver;
        this.statusWriter = statusWriter;
        this.addresses = addresses;
        this.pod = pod;
        this.container = pod.getSpec().getContainers().get(0);
        this.directory = directory;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kubelet-" + pod.getMetadata().getName());
            t.setDaemon(true);
            return t;
        });
    }

    String podName() {
        return pod.getMetadata().getName();
    }

    Path log() {
        return directory.resolve(container.getName() + ".log");
    }

    /** What {@code kubectl logs} shows: the current container's lines (the file holds every restart's). */
    String currentContainerLog() throws IOException {
        byte[] all = Files.exists(log()) ? Files.readAllBytes(log()) : new byte[0];
        int from = (int) Math.min(logOffset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    void start() {
        thread.execute(() -> {
            try {
                Files.createDirectories(directory);
                addFinalizer();
                podIp = addresses.allocate();
                probe = HttpGetProbe.readiness(container, podIp);
                startupProbe = HttpGetProbe.startup(container, podIp);
                long period = probe.period().toMillis();
                probing = thread.scheduleWithFixedDelay(this::probeOnce, period, period, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.error("pod {} could not be set up", podName(), e);
                return;
            }
            startContainer();
        });
    }

    private void startContainer() {
        PodVolumes volumes;
        Map<String, String> env;
        try {
            volumes = PodVolumes.materialize(client, pod, container, directory);
            env = envResolver.resolve(pod, container, podIp, volumes);
        } catch (RuntimeException e) {
            // CreateContainerConfigError on a cluster (a Secret or ConfigMap missing): the kubelet keeps trying.
            LOG.warn("pod {}: container not startable yet, retrying: {}", podName(), e.getMessage());
            thread.schedule(this::restart, CRASH_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        logOffset = logSize();
        ContainerProcess run = ContainerProcess.start(image.command(container, volumes, env), env, log());
        process = run;
        pids.add(run.pid());
        probe.reset();
        startupProbe.ifPresent(HttpGetProbe::reset);
        started = startupProbe.isEmpty();
        ready = false;
        crashLoopBackOff = false;
        run.onExit(code -> onPodThreadLater(() -> containerExited(run, code)));
        LOG.info("pod {}: container {} started on {} (pid {}, restarts {})", podName(), container.getName(), podIp,
                run.pid(), restartCount);
        writeStatus();
    }

    private void containerExited(ContainerProcess exited, int exitCode) {
        if (terminating || exited != process) {
            return;
        }
        restartCount++;
        lastTermination = Optional.of(new PodStatusWriter.Termination(exitCode,
                TerminationMessage.of(container, exitCode, log(), logOffset), Instant.now()));
        ready = false;
        started = false;
        LOG.info("pod {}: container exited with {}; restarting (restart {})", podName(), exitCode, restartCount);
        boolean quick = Duration.between(exited.startedAt(), Instant.now()).compareTo(QUICK_EXIT) < 0;
        // The kubelet reports every restart it has yet to make as CrashLoopBackOff, never ContainerCreating again.
        crashLoopBackOff = true;
        process = null;
        writeStatus();
        thread.schedule(this::restart, quick ? CRASH_BACKOFF.toMillis() : 0, TimeUnit.MILLISECONDS);
    }

    private void restart() {
        if (!terminating && process == null) {
            startContainer();
        }
    }

    private void probeOnce() {
        if (terminating || process == null) {
            return;
        }
        if (!started) {
            // As the kubelet: readiness is probed only once the startup probe has passed.
            if (startupProbe.orElseThrow().probe()) {
                started = true;
                writeStatusOrRetry(() -> started = false);
            }
            return;
        }
        boolean now = probe.probe();
        if (now != ready) {
            ready = now;
            writeStatusOrRetry(() -> ready = !now);
        }
    }

    /**
     * A failure here would also end the periodic probing for good (ScheduledExecutorService drops a task that
     * throws), leaving the pod's status stale forever: {@code undo} restores the old value, the next period retries.
     */
    private void writeStatusOrRetry(Runnable undo) {
        try {
            writeStatus();
        } catch (RuntimeException e) {
            undo.run();
            LOG.warn("pod {}: status not written, retrying: {}", podName(), e.toString());
        }
    }

    private long logSize() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0L;
        } catch (IOException e) {
            return 0L;
        }
    }

    private void writeStatus() {
        statusWriter.write(pod.getMetadata().getNamespace(), podName(), new PodStatusWriter.Observed(podIp,
                startedAt, container.getName(), container.getImage(), process != null,
                process != null ? process.startedAt() : startedAt, started, ready, crashLoopBackOff, restartCount,
                lastTermination));
    }

    /** SIGKILL of the container's current process; the worker then restarts it, as the kubelet would. */
    void killContainer() {
        ContainerProcess current = onPodThread(() -> process);
        if (current == null) {
            throw new IllegalStateException("pod " + podName() + " has no running container to kill");
        }
        current.kill();
    }

    /** The pod was deleted: SIGTERM, wait up to the grace period, then let the API server remove the pod. */
    void terminate() {
        onPodThreadLater(() -> {
            if (terminating) {
                return;
            }
            terminating = true;
            if (probing != null) {
                probing.cancel(false);
            }
            if (process != null) {
                long grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30
                        : pod.getSpec().getTerminationGracePeriodSeconds();
                int code = process.terminate(Duration.ofSeconds(grace));
                LOG.info("pod {}: container stopped by SIGTERM, exit code {}", podName(), code);
                process = null;
            }
            if (podIp != null) {
                addresses.release(podIp);
            }
            removeFinalizer();
            thread.shutdown();
        });
    }

    /** True once the pod's process has exited for good and the worker has finished. */
    boolean isTerminated() {
        return thread.isTerminated();
    }

    /** The pids of every process this pod has run, to check none is left. */
    List<Long> pids() {
        return List.copyOf(pids);
    }

    private void addFinalizer() {
        editIgnoringMissing(p -> {
            List<String> finalizers = new ArrayList<>(p.getMetadata().getFinalizers());
            if (!finalizers.contains(FINALIZER)) {
                finalizers.add(FINALIZER);
            }
            p.getMetadata().setFinalizers(finalizers);
            return p;
        });
    }

    private void removeFinalizer() {
        editIgnoringMissing(p -> {
            List<String> finalizers = new ArrayList<>(p.getMetadata().getFinalizers());
            finalizers.remove(FINALIZER);
            p.getMetadata().setFinalizers(finalizers);
            return p;
        });
    }

    // The node patches its own labels and the operator its annotations meanwhile: retry on a conflict.
    private void editIgnoringMissing(UnaryOperator<Pod> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(podName()).edit(change);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 20) {
                    throw e;
                }
            }
        }
    }

    // After termination the pod's thread is gone, and so is anything left to do for the pod.
    private void onPodThreadLater(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("pod {} has terminated; dropped a task", podName());
        }
    }

    private <T> T onPodThread(Callable<T> task) {
        try {
            return thread.submit(task).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("pod " + podName() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("pod " + podName() + " has terminated", e);
        }
    }
}
