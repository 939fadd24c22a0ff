package io.siha.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.siha.api.SiHaLabels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records, in order, what happens to the pods as the API server reports it: created, deleted, and the first time a
 * pod carries the step-down annotation. A rollout test reads the order of the operator's steps from it.
 */
final class PodTimeline implements AutoCloseable {

    private final List<String> entries = new ArrayList<>();
    private final Watch watch;

    PodTimeline(KubernetesClient client) {
        watch = client.pods().inNamespace(TestClusters.NAMESPACE).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                String name = pod.getMetadata().getName();
                Map<String, String> annotations = pod.getMetadata().getAnnotations();
                synchronized (entries) {
                    switch (action) {
                        case ADDED -> entries.add("created " + name);
                        case DELETED -> entries.add("deleted " + name);
                        case MODIFIED -> {
                            String entry = "step-down " + name;
                            if (annotations != null && annotations.containsKey(SiHaLabels.STEP_DOWN)
                                    && !entries.subList(lastCreation(name), entries.size()).contains(entry)) {
                                entries.add(entry);
                            }
                        }
                        default -> { }
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private int lastCreation(String name) {
        return Math.max(0, entries.lastIndexOf("created " + name));
    }

    List<String> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
