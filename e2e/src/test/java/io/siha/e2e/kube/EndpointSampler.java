package io.siha.e2e.kube;

import io.siha.operator.model.IngestServiceModel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Looks at a Service's ready endpoints every few milliseconds in the background and keeps every sample that had more
 * than one: the Service must never split traffic between the two nodes, during a failover or a handover either. It
 * also notes the longest run of samples with none: how long the pair had no active the Service could send to.
 */
final class EndpointSampler implements AutoCloseable {

    private static final long PERIOD_MS = 20;

    private final List<List<String>> splits = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile int samples;
    private volatile long longestWithoutMs;

    EndpointSampler(ServiceResolver resolver, String serviceName) {
        thread = new Thread(() -> {
            long lastWithEndpoint = System.nanoTime();
            while (running.get()) {
                List<String> pods = resolver.readyEndpoints(serviceName, IngestServiceModel.HTTP_PORT_NAME).stream()
                        .map(ServiceResolver.Endpoint::podName).toList();
                if (pods.size() > 1) {
                    splits.add(pods);
                }
                if (pods.isEmpty()) {
                    longestWithoutMs = Math.max(longestWithoutMs, (System.nanoTime() - lastWithEndpoint) / 1_000_000);
                } else {
                    lastWithEndpoint = System.nanoTime();
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

    /** The longest time the Service had no ready endpoint, in milliseconds. */
    long longestWithoutEndpointMs() {
        return longestWithoutMs;
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
