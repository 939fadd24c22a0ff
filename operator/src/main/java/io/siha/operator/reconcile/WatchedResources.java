package io.siha.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.operator.model.TlsChannel;
import io.siha.operator.pair.Disruption;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The informers the reconciler reads from, one per kind, and the reads and cache updates on them. Every owned kind is
 * watched through the cluster label (so the caches hold only si-ha objects); Secrets and ConfigMaps are watched whole,
 * because the user's password, ingest token and TLS Secrets and apps ConfigMap carry no label of ours and their changes
 * must reach the pods. Nodes are watched for drains (see {@link #nodes}). The PodMonitor's informer starts only once a
 * pair asks for one and the API serves the kind ({@link #watchFromNowOn}): an informer of a kind the API server does
 * not serve would keep the operator from starting.
 */
final class WatchedResources {

    private static final List<Class<? extends HasMetadata>> OWNED_KINDS = List.of(
            Pod.class, Service.class, PodDisruptionBudget.class, ServiceAccount.class, Role.class, RoleBinding.class,
            NetworkPolicy.class);

    private WatchedResources() {
    }

    static List<EventSource<?, SiHaCluster>> eventSources(EventSourceContext<SiHaCluster> context) {
        List<EventSource<?, SiHaCluster>> sources = new java.util.ArrayList<>();
        InformerEventSource<Pod, SiHaCluster> pods = owned(Pod.class, context);
        sources.add(pods);
        for (Class<? extends HasMetadata> kind : OWNED_KINDS) {
            if (kind != Pod.class) {
                sources.add(owned(kind, context));
            }
        }
        sources.add(nodes(context, pods));
        sources.add(ownedOrReferenced(Secret.class, context, spec -> names(passwordSecretName(spec),
                ingestTokenSecretName(spec), tlsSecretName(spec, TlsChannel.SYNC),
                tlsSecretName(spec, TlsChannel.INGEST))));
        sources.add(ownedOrReferenced(ConfigMap.class, context, spec -> names(appsConfigMapName(spec))));
        return sources;
    }

    /**
     * Starts the informer of an owned kind the API server may not serve, unless it runs already; it then maps changes
     * to the owners and serves {@link #get} as the others do.
     */
    static <R extends HasMetadata> void watchFromNowOn(Context<SiHaCluster> context, Class<R> kind) {
        var retriever = context.eventSourceRetriever();
        if (retriever.getEventSourcesFor(kind).isEmpty()) {
            retriever.dynamicallyRegisterEventSource(
                    owned(kind, retriever.eventSourceContextForDynamicRegistration()));
        }
    }

    /**
     * The Nodes, cluster-wide (they have no namespace): a drain starts on the Node (cordon, drain taints) before any
     * eviction of its pods, and that must reach the cluster whose active runs there. Only a change of whether a drain
     * is under way triggers a reconcile, not the Node's every status update; it maps to the clusters whose pods run on
     * the Node, read from the pod informer's cache.
     */
    private static EventSource<Node, SiHaCluster> nodes(EventSourceContext<SiHaCluster> context,
                                                        InformerEventSource<Pod, SiHaCluster> pods) {
        SecondaryToPrimaryMapper<Node> podsOnNode = node -> pods.list(pod -> pod.getSpec() != null
                        && node.getMetadata().getName().equals(pod.getSpec().getNodeName()))
                .flatMap(pod -> Mappers.<Pod>fromOwnerReferences(SiHaCluster.class).toPrimaryResourceIDs(pod).stream())
                .collect(Collectors.toSet());
        var config = InformerEventSourceConfiguration.from(Node.class, SiHaCluster.class)
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(podsOnNode)
                .withOnAddFilter(node -> Disruption.draining(node).isPresent())
                .withOnUpdateFilter((newNode, oldNode) -> !Disruption.draining(newNode)
                        .equals(Disruption.draining(oldNode)))
                .build();
        return new InformerEventSource<>(config, context);
    }

    private static <R extends HasMetadata> InformerEventSource<R, SiHaCluster> owned(
            Class<R> kind, EventSourceContext<SiHaCluster> context) {
        var config = InformerEventSourceConfiguration.from(kind, SiHaCluster.class)
                // Named by kind, so that a second dynamic registration of the kind finds the first.
                .withName(kind.getName())
                .withNamespacesInheritedFromController()
                .withLabelSelector(SiHaLabels.CLUSTER)
                .withSecondaryToPrimaryMapper(Mappers.<R>fromOwnerReferences(SiHaCluster.class))
                .build();
        return new InformerEventSource<>(config, context);
    }

    /**
     * Maps an object both to the cluster that owns it and to every cluster whose spec names it; {@code references} gives
     * the names a spec refers to (only those that are set).
     */
    private static <R extends HasMetadata> EventSource<R, SiHaCluster> ownedOrReferenced(
            Class<R> kind, EventSourceContext<SiHaCluster> context,
            Function<SiHaClusterSpec, List<String>> references) {
        SecondaryToPrimaryMapper<R> owners = Mappers.fromOwnerReferences(SiHaCluster.class);
        SecondaryToPrimaryMapper<R> mapper = object -> {
            Set<ResourceID> primaries = new HashSet<>(owners.toPrimaryResourceIDs(object));
            String name = object.getMetadata().getName();
            context.getPrimaryCache().list(object.getMetadata().getNamespace())
                    .filter(cluster -> cluster.getSpec() != null
                            && references.apply(cluster.getSpec()).contains(name))
                    .forEach(cluster -> primaries.add(ResourceID.fromResource(cluster)));
            return primaries;
        };
        var config = InformerEventSourceConfiguration.from(kind, SiHaCluster.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(mapper)
                .build();
        return new InformerEventSource<>(config, context);
    }

    /** The names that are set, in order. */
    private static List<String> names(String... references) {
        return Stream.of(references).filter(Objects::nonNull).toList();
    }

    static String passwordSecretName(SiHaClusterSpec spec) {
        return spec.getDatabase() == null || spec.getDatabase().getPasswordSecretRef() == null
                ? null : spec.getDatabase().getPasswordSecretRef().getName();
    }

    static String ingestTokenSecretName(SiHaClusterSpec spec) {
        return spec.getIngest() == null || spec.getIngest().getAuthTokenSecretRef() == null
                ? null : spec.getIngest().getAuthTokenSecretRef().getName();
    }

    /** The kubernetes.io/tls Secret of a channel; cert-manager renews it in place, which must reach the pods. */
    static String tlsSecretName(SiHaClusterSpec spec, TlsChannel channel) {
        return channel.secretName(spec).orElse(null);
    }

    static String appsConfigMapName(SiHaClusterSpec spec) {
        return spec.getApps() == null ? null : spec.getApps().getConfigMapName();
    }

    /** The cached object of a kind by name; empty when absent or when {@code name} is null. */
    static <R extends HasMetadata> Optional<R> get(Context<SiHaCluster> context, Class<R> kind, String namespace,
                                                   String name) {
        return name == null ? Optional.empty() : informer(context, kind).get(new ResourceID(name, namespace));
    }

    /** Puts the API server's answer to our own write into the cache, so the next reconcile does not act on the old one. */
    static <R extends HasMetadata> void cacheWritten(Context<SiHaCluster> context, Class<R> kind, R written,
                                                     R previousOrNull) {
        InformerEventSource<R, SiHaCluster> informer = informer(context, kind);
        if (previousOrNull == null) {
            informer.handleRecentResourceCreate(ResourceID.fromResource(written), written);
        } else {
            informer.handleRecentResourceUpdate(ResourceID.fromResource(written), written, previousOrNull);
        }
    }

    @SuppressWarnings("unchecked")
    private static <R extends HasMetadata> InformerEventSource<R, SiHaCluster> informer(Context<SiHaCluster> context,
                                                                                       Class<R> kind) {
        return (InformerEventSource<R, SiHaCluster>) context.eventSourceRetriever().getEventSourceFor(kind);
    }
}
