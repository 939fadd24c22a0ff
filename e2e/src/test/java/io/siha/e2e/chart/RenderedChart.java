package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.siha.e2e.Manifests;

import java.util.List;

/** The objects {@code helm template} rendered, each parsed into its Fabric8 model class. */
record RenderedChart(String yaml, List<HasMetadata> objects) {

    static RenderedChart parse(String yaml) {
        return new RenderedChart(yaml, Manifests.objects(yaml));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The one object of {@code kind}; fails when there are none or several. */
    <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }

    /** The object of {@code kind} named {@code name}; fails when there is none. */
    <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " rendered"));
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).sorted().toList();
    }
}
