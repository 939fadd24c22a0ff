package io.siha.kubectl.logs;

import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.siha.api.NodeContainer;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.kubectl.CommandFailure;
import io.siha.kubectl.cli.Invocation;
import io.siha.kubectl.kube.KubeConnection;
import io.siha.kubectl.kube.PairReader;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** {@code kubectl siha logs}: the node container's log of the pod the operator records as active. */
public final class LogsCommand {

    private final KubeConnection kube;
    private final PrintStream out;

    public LogsCommand(KubeConnection kube, PrintStream out) {
        this.kube = kube;
        this.out = out;
    }

    public int run(Invocation invocation) throws InterruptedException {
        String name = invocation.clusterName();
        SiHaCluster cluster = new PairReader(kube).cluster(name);
        String active = Optional.ofNullable(cluster.getStatus()).map(s -> s.getActivePod())
                .orElseThrow(() -> new CommandFailure("SiHaCluster " + name + " has no active pod"
                        + " (status.activePod is empty); kubectl siha status " + name + " shows why"));
        PodResource pod = kube.client().pods().inNamespace(kube.namespace()).withName(active);
        if (!invocation.follow()) {
            out.print(pod.inContainer(NodeContainer.NAME).getLog());
            out.flush();
            return 0;
        }
        try (LogWatch watch = pod.inContainer(NodeContainer.NAME).watchLog(out)) {
            Throwable failure = watch.onClose().toCompletableFuture().get();
            if (failure != null) {
                throw new CommandFailure("the log of " + active + " ended: " + failure.getMessage());
            }
        } catch (ExecutionException e) {
            throw new CommandFailure("the log of " + active + " ended: " + e.getCause().getMessage());
        }
        out.flush();
        return 0;
    }
}
