package io.siha.e2e.kube;

import io.siha.operator.model.IngestServiceModel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Looks at a Service's ready endpoints every few milliseconds in the background and keeps every sample that had more
 * than one: the Service must never split traffic between the two nodes, during a failover or a handover either.
 */
final class EndpointSampler implements AutoCloseable {

    private static final long PERIOD_MS = 20;

    private final List<List<String>> splits = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile int samples;

    EndpointSampler(ServiceResolver resolver, String serviceName) {
        thread = new Thread(() -> {
            while (running.get()) {
                List<String> pods = resolver.readyEndpoints(serviceName, IngestServiceModel.HTTP_PORT_NAME).stream()
                        .map(ServiceResolver.Endpoint::podName).toList();
                if (pods.size() > 1) {
                    splits.add(pods);
                }
                samples++;
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "endpoints-" + serviceName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Samples in which the Service resolved to more than one pod. */
    List<List<String>> splits() {
        return List.copyOf(splits);
    }

    int samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
