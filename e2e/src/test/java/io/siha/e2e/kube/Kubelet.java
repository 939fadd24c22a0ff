package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * Plays the one kubelet of the mock cluster: every pod created in the namespace is "scheduled" here and gets a
 * {@link PodWorker} that runs its container as a real process; a deleted pod's process gets SIGTERM. Pods are told
 * apart by uid, so a pod recreated under the same name is a new pod with a new process.
 */
final class Kubelet implements AutoCloseable {

    private final KubernetesClient client;
    // The one image this kubelet can run: every pod of these tests runs the node.
    private final NodeImage nodeImage = NodeImage.locate();
    private final PodEnvResolver envResolver;
    private final PodStatusWriter statusWriter;
    private final LoopbackAddresses addresses = new LoopbackAddresses();
    private final Path workDirectory;
    private final Map<String, PodWorker> workersByUid = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;

    Kubelet(KubernetesClient client, String namespace, Map<String, String> apiServerEnvironment, Path workDirectory) {
        this.client = client;
        this.envResolver = new PodEnvResolver(client, apiServerEnvironment);
        this.statusWriter = new PodStatusWriter(client);
        this.workDirectory = workDirectory;
        this.informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                sync(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                sync(after);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                Optional.ofNullable(workersByUid.get(pod.getMetadata().getUid())).ifPresent(PodWorker::terminate);
            }
        });
    }

    private void sync(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            Optional.ofNullable(workersByUid.get(uid)).ifPresent(PodWorker::terminate);
            return;
        }
        workersByUid.computeIfAbsent(uid, u -> {
            PodWorker worker = new PodWorker(client, nodeImage, envResolver, statusWriter, addresses, pod,
                    workDirectory.resolve(pod.getMetadata().getName() + "-" + u.substring(0, 8)));
            worker.start();
            return worker;
        });
    }

    /** SIGKILL of the running container of {@code podName}; the kubelet restarts it. */
    void killContainer(String podName) {
        current(podName).killContainer();
    }

    /** The pod's IP as this kubelet reported it, if the pod exists and has one. */
    Optional<String> podIp(String namespace, String podName) {
        return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + podName))
                .map(Pod::getStatus).map(s -> s.getPodIP());
    }

    /** The current container's log of the running pod {@code podName}, as the kubelet serves it to the API server. */
    Optional<String> containerLog(String podName) throws IOException {
        Optional<PodWorker> worker = workersByUid.values().stream()
                .filter(w -> w.podName().equals(podName) && !w.isTerminated()).findFirst();
        return worker.isEmpty() ? Optional.empty() : Optional.of(worker.get().currentContainerLog());
    }

    /** Log files of every container run so far, for failure messages. */
    List<Path> logs() {
        return workersByUid.values().stream().map(PodWorker::log).toList();
    }

    private PodWorker current(String podName) {
        return workersByUid.values().stream()
                .filter(w -> w.podName().equals(podName) && !w.isTerminated())
                .findFirst().orElseThrow(() -> new IllegalStateException("no running pod " + podName));
    }

    /** Every process any pod ran has exited. */
    boolean noProcessLeft() {
        return workersByUid.values().stream().flatMap(w -> w.pids().stream())
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Stops watching, then stops every pod still running as a deletion would. */
    @Override
    public void close() {
        informer.close();
        workersByUid.values().forEach(PodWorker::terminate);
        await("every pod process stopped").atMost(Duration.ofSeconds(60)).until(this::noProcessLeft);
    }
}
