package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;

/** Resolves a port given by number or by the name of one of the container's ports, as probes and Services do. */
final class ContainerPorts {

    private ContainerPorts() {
    }

    static int resolve(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("container " + container.getName()
                        + " has no port named " + port.getStrVal()))
                .getContainerPort();
    }
}
