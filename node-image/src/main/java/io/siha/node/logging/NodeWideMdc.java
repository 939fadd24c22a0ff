package io.siha.node.logging;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.slf4j.spi.MDCAdapter;

import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The logger context's MDC: each thread's own entries (kept by the adapter slf4j's {@code MDC} writes to) under the
 * node-wide ones. Logback reads an event's MDC through {@link #getPropertyMap()} of the context's adapter when it
 * encodes the line, so that is where the node-wide entries join; every thread-local operation goes to the adapter
 * slf4j uses, so both see one store.
 */
final class NodeWideMdc extends LogbackMDCAdapter {

    private final MDCAdapter threads;
    private final Supplier<Map<String, String>> nodeWide;

    NodeWideMdc(MDCAdapter threads, Supplier<Map<String, String>> nodeWide) {
        this.threads = threads;
        this.nodeWide = nodeWide;
    }

    @Override
    public Map<String, String> getPropertyMap() {
        Map<String, String> own = threads instanceof LogbackMDCAdapter logback ? logback.getPropertyMap()
                : copyOf(threads.getCopyOfContextMap());
        if (own == null || own.isEmpty()) {
            return nodeWide.get();
        }
        Map<String, String> merged = new HashMap<>(nodeWide.get());
        merged.putAll(own);
        return merged;
    }

    @Override
    public Map getCopyOfContextMap() {
        return new HashMap<>(getPropertyMap());
    }

    @Override
    public String get(String key) {
        String own = threads.get(key);
        return own != null ? own : nodeWide.get().get(key);
    }

    @Override
    public Set<String> getKeys() {
        return getPropertyMap().keySet();
    }

    @Override
    public void put(String key, String value) {
        threads.put(key, value);
    }

    @Override
    public void remove(String key) {
        threads.remove(key);
    }

    @Override
    public void clear() {
        threads.clear();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void setContextMap(Map contextMap) {
        threads.setContextMap(contextMap);
    }

    @Override
    public void pushByKey(String key, String value) {
        threads.pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return threads.popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return threads.getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        threads.clearDequeByKey(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> copyOf(Map<?, ?> map) {
        return map == null ? null : (Map<String, String>) new HashMap<>(map);
    }
}
