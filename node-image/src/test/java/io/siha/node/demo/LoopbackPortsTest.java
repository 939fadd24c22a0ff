package io.siha.node.demo;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackPortsTest {

    @Test
    void aPortIsHandedOutOnceEvenIfNobodyBindsIt() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = LoopbackPorts.free(); // none of them is bound: the bind check alone would allow repeats
            assertThat(port).isBetween(20_000, 32_000);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }
}
