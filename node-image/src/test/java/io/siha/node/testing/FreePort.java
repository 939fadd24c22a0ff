package io.siha.node.testing;

import io.siha.node.demo.LoopbackPorts;

/** Finds a loopback port nobody listens on right now, outside the kernel's ephemeral range. */
public final class FreePort {

    private FreePort() {
    }

    public static int find() {
        return LoopbackPorts.free();
    }
}
