package io.siha.e2e.kube;

import io.siha.operator.model.IngestServiceModel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network load balancer as AWS's NLB with IP targets behaves, played by the test: its targets are the endpoints
 * of a Service (the NAME-lb one lists both pods), and a TCP health check on the traffic port every {@code interval}
 * marks a target healthy after {@code threshold} passes in a row and unhealthy after as many failures. It routes a
 * connection to a healthy target, or to any target while none is healthy (the NLB "fails open"). Target registration
 * is not modelled: the targets never change here, which is the point of the NAME-lb Service.
 */
final class HealthCheckedLoadBalancer implements IngestThroughService.Routing, AutoCloseable {

    private record Health(boolean healthy, int streak, long sinceNanos) {
    }

    private final ServiceResolver resolver;
    private final String serviceName;
    private final Duration interval;
    private final int threshold;
    private final Map<String, Health> health = new ConcurrentHashMap<>();
    private final Thread checker;
    private volatile boolean running = true;

    HealthCheckedLoadBalancer(ServiceResolver resolver, String serviceName, Duration interval, int threshold) {
        this.resolver = resolver;
        this.serviceName = serviceName;
        this.interval = interval;
        this.threshold = threshold;
        this.checker = new Thread(this::checkForever, "health-check-" + serviceName);
        checker.setDaemon(true);
        checker.start();
    }

    @Override
    public Optional<ServiceResolver.Endpoint> route(String service, String portName) {
        List<ServiceResolver.Endpoint> targets = resolver.readyEndpoints(serviceName, portName);
        List<ServiceResolver.Endpoint> healthy = targets.stream().filter(t -> isHealthy(t.podName())).toList();
        List<ServiceResolver.Endpoint> choice = healthy.isEmpty() ? targets : healthy;
        return choice.isEmpty() ? Optional.empty()
                : Optional.of(choice.get(ThreadLocalRandom.current().nextInt(choice.size())));
    }

    /** The targets, healthy or not: what the load balancer has registered. */
    List<String> targets() {
        return resolver.readyEndpoints(serviceName, IngestServiceModel.HTTP_PORT_NAME).stream()
                .map(ServiceResolver.Endpoint::podName).sorted().toList();
    }

    List<String> healthyTargets() {
        return targets().stream().filter(this::isHealthy).toList();
    }

    /** Since when {@code pod} has been healthy, in {@link System#nanoTime()}; empty while it is not. */
    Optional<Long> healthySince(String pod) {
        Health h = health.get(pod);
        return h != null && h.healthy() ? Optional.of(h.sinceNanos()) : Optional.empty();
    }

    private boolean isHealthy(String pod) {
        Health h = health.get(pod);
        return h != null && h.healthy();
    }

    private void checkForever() {
        while (running) {
            for (ServiceResolver.Endpoint target : resolver.readyEndpoints(serviceName,
                    IngestServiceModel.HTTP_PORT_NAME)) {
                record(target.podName(), accepts(target));
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean accepts(ServiceResolver.Endpoint target) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) interval.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void record(String pod, boolean passed) {
        health.compute(pod, (name, before) -> {
            Health was = before != null ? before : new Health(false, 0, System.nanoTime());
            int streak = passed == was.healthy() ? 0 : was.streak() + 1;
            return streak >= threshold ? new Health(passed, 0, System.nanoTime())
                    : new Health(was.healthy(), streak, was.sinceNanos());
        });
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        checker.interrupt();
        checker.join(5_000);
    }
}
