package io.siha.kubectl.kube;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.siha.kubectl.CommandFailure;
import io.siha.kubectl.cli.Invocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The API server as kubectl would reach it for the same flags: the kubeconfig file, its context (credentials,
 * exec plugins such as {@code aws eks get-token} included, as Fabric8 reads them), and the namespace.
 *
 * @param client    the client, closed with this
 * @param namespace {@code -n} or the context's namespace, else {@code default}
 */
public record KubeConnection(KubernetesClient client, String namespace) implements AutoCloseable {

    public static KubeConnection open(Invocation invocation) {
        Config config = config(invocation.kubeconfig(), invocation.context());
        // A command-line tool answers at once: Fabric8's default retries a failing call 10 times with backoff, which
        // would turn one unreachable pod's proxy call into a minute of silence.
        config.setRequestRetryBackoffLimit(0);
        String namespace = invocation.namespace()
                .or(() -> Optional.ofNullable(config.getNamespace()))
                .orElse("default");
        return new KubeConnection(new KubernetesClientBuilder().withConfig(config).build(), namespace);
    }

    static Config config(Optional<Path> kubeconfig, Optional<String> context) {
        Config config;
        if (kubeconfig.isPresent()) {
            Path file = kubeconfig.get();
            if (!Files.isRegularFile(file)) {
                throw new CommandFailure("kubeconfig " + file + " does not exist or is not a file");
            }
            config = Config.fromKubeconfig(context.orElse(null), file.toFile());
        } else {
            config = Config.autoConfigure(context.orElse(null));
        }
        context.ifPresent(wanted -> {
            boolean known = config.getContexts().stream().map(NamedContext::getName).anyMatch(wanted::equals);
            if (!known) {
                throw new CommandFailure("context \"" + wanted + "\" is not in the kubeconfig");
            }
        });
        return config;
    }

    @Override
    public void close() {
        client.close();
    }
}
