package io.siha.e2e.kube;

import java.util.BitSet;

/**
 * Pod IPs: each running pod gets an address of its own on the loopback network (127.0.0.2, 127.0.0.3, ...), which
 * Linux answers without configuration. Like a pod's network namespace, it lets both nodes of a pair bind the same
 * ports. Addresses are handed out in turn, so a recreated pod gets a new IP as on a cluster and its peer must find it
 * again (through the member row the node advertises); an address is free again once its pod's process has exited.
 */
final class LoopbackAddresses {

    private static final int FIRST = 2;
    private static final int LAST = 254;

    private final BitSet inUse = new BitSet();
    private int last = FIRST - 1;

    synchronized String allocate() {
        for (int tried = 0; tried <= LAST - FIRST; tried++) {
            last = last >= LAST ? FIRST : last + 1;
            if (!inUse.get(last)) {
                inUse.set(last);
                return "127.0.0." + last;
            }
        }
        throw new IllegalStateException("no free loopback address for another pod");
    }

    synchronized void release(String address) {
        inUse.clear(Integer.parseInt(address.substring(address.lastIndexOf('.') + 1)));
    }
}
