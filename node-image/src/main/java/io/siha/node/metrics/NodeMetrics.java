package io.siha.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoopGroup;

/**
 * The node's meter registry, the same Micrometer Prometheus registry the operator exposes: the JVM (memory, GC,
 * threads, classes), the process (CPU, uptime, file descriptors), Netty's buffer allocator, and whatever the node
 * registers on {@link #registry()} (its own meters, {@link NodeMeters}; the HikariCP pools). Every series carries
 * {@value #CLUSTER_LABEL} (the pair, {@code SIHA_CLUSTER_GROUP}) and {@value #NODE_LABEL} (this node's id), so the
 * alerts can group by pair wherever the node is scraped from.
 */
public final class NodeMetrics implements AutoCloseable {

    public static final String CLUSTER_LABEL = "siha_cluster";
    public static final String NODE_LABEL = "node";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private NodeMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public static NodeMetrics create(String clusterGroup, String nodeId) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(Tags.of(CLUSTER_LABEL, clusterGroup, NODE_LABEL, nodeId));
        NodeMetrics metrics = new NodeMetrics(registry);
        new JvmMemoryMetrics().bindTo(registry);
        metrics.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
            new NettyAllocatorMetrics(allocator).bindTo(registry);
        }
        return metrics;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The pending tasks of each thread of {@code group} (the ingest ports'): a busy event loop shows as a queue. */
    public void bindEventLoops(EventLoopGroup group) {
        new NettyEventExecutorMetrics(group).bindTo(registry);
    }

    /** Everything registered, as Prometheus text (format 0.0.4), bucket bounds in plain decimals. */
    public String scrape() {
        return PlainBucketBounds.rewrite(registry.scrape());
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
