package io.siha.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.operator.model.ClusterNames;
import io.siha.operator.model.DbSecretModel;
import io.siha.operator.model.DesiredObjects;
import io.siha.operator.model.SpecProblem;
import io.siha.operator.model.SpecResolution;
import io.siha.operator.model.SpecResolver;
import io.siha.operator.model.SyncSecretGenerator;
import io.siha.operator.model.TlsChannel;
import io.siha.operator.model.TlsSecrets;
import io.siha.operator.pair.PairObservation;
import io.siha.operator.pair.PairPlanner;
import io.siha.operator.pair.PodAction;
import io.siha.operator.pair.SwitchoverPlanner;
import io.siha.operator.pair.SwitchoverRecord;
import io.siha.operator.pair.SwitchoverRequest;
import io.siha.operator.pair.SwitchoverStep;
import io.siha.operator.status.ConditionTypes;
import io.siha.operator.status.LastSwitchover;
import io.siha.operator.status.PodMonitorState;
import io.siha.operator.status.StatusCalculator;
import io.siha.operator.status.StatusInputs;
import io.siha.operator.status.StatusUpdate;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles one SiHaCluster: reads what it owns and refers to from the informer caches, checks the spec, brings the
 * owned objects to their desired state, lets {@link PairPlanner} decide the pod steps, and reports the status. It
 * observes and repairs; choosing the active node is the nodes' business, through their database lease.
 */
@ControllerConfiguration(name = SiHaClusterReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class SiHaClusterReconciler implements Reconciler<SiHaCluster> {

    public static final String NAME = "sihacluster";

    /** While a rollout waits on a pod, look again this often even if no pod event arrives (e.g. the step-down timeout). */
    static final Duration WAIT_RECHECK = Duration.ofSeconds(5);

    private final PairPlanner planner;
    private final SwitchoverPlanner switchovers;
    private final Duration recheck;
    private final Clock clock;

    public SiHaClusterReconciler(Duration stepDownTimeout, Clock clock) {
        this.planner = new PairPlanner(stepDownTimeout);
        this.switchovers = new SwitchoverPlanner(stepDownTimeout);
        this.recheck = stepDownTimeout.compareTo(WAIT_RECHECK) < 0 ? stepDownTimeout : WAIT_RECHECK;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, SiHaCluster>> prepareEventSources(EventSourceContext<SiHaCluster> context) {
        return WatchedResources.eventSources(context);
    }

    @Override
    public UpdateControl<SiHaCluster> reconcile(SiHaCluster cluster, Context<SiHaCluster> context) {
        ClusterNames names = ClusterNames.of(cluster);
        EventRecorder events = new EventRecorder(context.getClient(), clock);
        Map<String, Pod> pods = pods(context, names);
        PairObservation pair = PairObservation.of(names, pods, nodes(context, pods));

        SpecResolution resolution = SpecResolver.resolve(cluster.getSpec(),
                cached(context, Secret.class, names, WatchedResources.passwordSecretName(cluster.getSpec())),
                cached(context, Secret.class, names, WatchedResources.ingestTokenSecretName(cluster.getSpec())),
                cached(context, ConfigMap.class, names, WatchedResources.appsConfigMapName(cluster.getSpec())),
                tlsSecrets(context, names, cluster.getSpec()));
        if (resolution instanceof SpecResolution.Invalid invalid) {
            // No object is touched: running pods keep running the last valid spec.
            reportInvalid(cluster, context, events, pair, invalid.problems());
            return UpdateControl.noUpdate();
        }
        DesiredObjects desired = desiredObjects(cluster, context, names, ((SpecResolution.Valid) resolution));
        PodMonitorState podMonitor;
        try {
            podMonitor = writeOwnedObjects(cluster, context, desired);
        } catch (NotOwnedException e) {
            reportInvalid(cluster, context, events, pair, List.of(new SpecProblem("metadata.name", e.getMessage())));
            return UpdateControl.noUpdate();
        }

        List<PodAction> actions = planner.plan(pair, desired.podTemplateHash(), clock.instant());
        Optional<SwitchoverRecord> lastSwitchover = LastSwitchover.read(
                cluster.getStatus() == null ? null : cluster.getStatus().getLastSwitchover());
        SwitchoverStep switchover = switchovers.switchover(pair, names.pods(), actions,
                SwitchoverRequest.of(cluster.getSpec().getSwitchover()), lastSwitchover, clock.instant());
        PodActionExecutor executor = new PodActionExecutor(context, cluster, events, clock);
        executor.execute(actions, desired);
        executor.execute(switchover.actions(), desired);

        Optional<String> rollout = actions.stream().map(SiHaClusterReconciler::rolloutStep).flatMap(Optional::stream)
                .findFirst();
        StatusUpdate update = report(cluster, context, events,
                new StatusInputs(pair, generation(cluster), List.of(), rollout, podMonitor, switchover.record()));
        switchover.record().filter(r -> !r.equals(lastSwitchover.orElse(null)))
                .ifPresent(r -> SwitchoverEvents.record(events, cluster, r));
        // While pods are being changed, or the pair is not yet (or no longer) running, look again soon: the events
        // of our own writes are filtered out of the informers, a step-down timeout passes without any event at all,
        // and a missed watch event must not leave the status stale until the next periodic reconcile.
        boolean switching = switchover.record().filter(r -> !r.finished()).isPresent();
        boolean settled = actions.isEmpty() && !switching && update.status().getPhase() == SiHaClusterPhase.RUNNING;
        return settled ? UpdateControl.noUpdate()
                : UpdateControl.<SiHaCluster>noUpdate().rescheduleAfter(recheck);
    }

    private static Optional<String> rolloutStep(PodAction action) {
        if (action instanceof PodAction.Wait wait) {
            return Optional.of(wait.reason());
        }
        if (action instanceof PodAction.RequestStepDown stepDown) {
            return Optional.of(stepDown.reason());
        }
        return Optional.empty();
    }

    private static DesiredObjects desiredObjects(SiHaCluster cluster, Context<SiHaCluster> context,
                                                 ClusterNames names, SpecResolution.Valid valid) {
        // Generated once and then kept: replacing it would make the running nodes refuse each other's sync connection.
        String syncSecret = DbSecretModel.existingSyncSecret(cached(context, Secret.class, names, names.dbSecret()))
                .orElseGet(SyncSecretGenerator::generateBase64);
        return DesiredObjects.of(cluster, valid.inputs(), syncSecret);
    }

    private static PodMonitorState writeOwnedObjects(SiHaCluster cluster, Context<SiHaCluster> context,
                                                     DesiredObjects desired) {
        OwnedResourceWriter writer = new OwnedResourceWriter(context, cluster);
        writer.ensure(Secret.class, desired.dbSecret(), OwnedContent.SECRET);
        writer.ensure(ConfigMap.class, desired.apps(), OwnedContent.CONFIG_MAP);
        writer.ensure(ServiceAccount.class, desired.serviceAccount(), OwnedContent.SERVICE_ACCOUNT);
        writer.ensure(Role.class, desired.role(), OwnedContent.ROLE);
        writer.ensure(RoleBinding.class, desired.roleBinding(), OwnedContent.ROLE_BINDING);
        writer.ensure(Service.class, desired.service(), OwnedContent.SERVICE);
        writer.ensureOrDelete(Service.class, ClusterNames.of(cluster).loadBalancerService(),
                desired.loadBalancerService(), OwnedContent.SERVICE);
        writer.ensure(PodDisruptionBudget.class, desired.podDisruptionBudget(), OwnedContent.POD_DISRUPTION_BUDGET);
        writer.ensure(NetworkPolicy.class, desired.networkPolicy(), OwnedContent.NETWORK_POLICY);
        return writePodMonitor(cluster, context, writer, desired.podMonitor());
    }

    /**
     * The PodMonitor the spec asks for, if the API server serves the kind; a PodMonitor no longer asked for is deleted
     * when the status says one was written (so a pair that never asked costs no request).
     */
    private static PodMonitorState writePodMonitor(SiHaCluster cluster, Context<SiHaCluster> context,
                                                   OwnedResourceWriter writer, Optional<PodMonitor> desired) {
        if (desired.isEmpty()) {
            if (hasTrueCondition(cluster, ConditionTypes.POD_MONITOR_READY)) {
                ClusterNames names = ClusterNames.of(cluster);
                writer.deleteIfOwned(PodMonitor.class, names.namespace(), names.podMonitor());
            }
            return PodMonitorState.NOT_ASKED;
        }
        if (!PodMonitorApi.served(context.getClient())) {
            return PodMonitorState.CRD_MISSING;
        }
        WatchedResources.watchFromNowOn(context, PodMonitor.class);
        writer.ensure(PodMonitor.class, desired.get(), OwnedContent.POD_MONITOR);
        return PodMonitorState.WRITTEN;
    }

    private static boolean hasTrueCondition(SiHaCluster cluster, String type) {
        return cluster.getStatus() != null && cluster.getStatus().getConditions() != null
                && cluster.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void reportInvalid(SiHaCluster cluster, Context<SiHaCluster> context, EventRecorder events,
                               PairObservation pair, List<SpecProblem> problems) {
        boolean wasInvalid = cluster.getStatus() != null && cluster.getStatus().getConditions() != null
                && cluster.getStatus().getConditions().stream().anyMatch(c ->
                ConditionTypes.INVALID_SPEC.equals(c.getType()) && "True".equals(c.getStatus())
                        && c.getObservedGeneration() != null && c.getObservedGeneration() == generation(cluster));
        StatusUpdate update = report(cluster, context, events,
                new StatusInputs(pair, generation(cluster), problems, Optional.empty(), PodMonitorState.UNCHANGED,
                        Optional.empty()));
        if (!wasInvalid) {
            events.warning(cluster, "InvalidSpec", update.status().getConditions().stream()
                    .filter(c -> ConditionTypes.INVALID_SPEC.equals(c.getType())).findFirst()
                    .map(io.fabric8.kubernetes.api.model.Condition::getMessage).orElse("invalid spec"));
        }
    }

    private StatusUpdate report(SiHaCluster cluster, Context<SiHaCluster> context, EventRecorder events,
                                StatusInputs inputs) {
        SiHaClusterStatus previous = cluster.getStatus();
        StatusUpdate update = StatusCalculator.compute(previous, inputs, clock.instant());
        StatusWriter.write(cluster, context, update.status());
        update.failover().ifPresent(f -> {
            if (f.planned()) {
                events.normal(cluster, "Switchover", f.describe());
            } else {
                events.warning(cluster, "Failover", f.describe());
            }
        });
        update.newNodeFailures().forEach(failure -> events.warning(cluster, "NodeFailing", failure));
        update.stateNews().ifPresent(state -> events.warning(cluster, state.getReason(), state.getMessage()));
        return update;
    }

    private static TlsSecrets tlsSecrets(Context<SiHaCluster> context, ClusterNames names, SiHaClusterSpec spec) {
        return new TlsSecrets(
                cached(context, Secret.class, names, WatchedResources.tlsSecretName(spec, TlsChannel.SYNC)),
                cached(context, Secret.class, names, WatchedResources.tlsSecretName(spec, TlsChannel.INGEST)));
    }

    private static Map<String, Pod> pods(Context<SiHaCluster> context, ClusterNames names) {
        Map<String, Pod> pods = new HashMap<>();
        for (String name : names.pods()) {
            cached(context, Pod.class, names, name).ifPresent(pod -> pods.put(name, pod));
        }
        return pods;
    }

    /** The Nodes the pods run on, by name, as far as the Node informer has them. */
    private static Map<String, Node> nodes(Context<SiHaCluster> context, Map<String, Pod> pods) {
        Map<String, Node> nodes = new HashMap<>();
        for (Pod pod : pods.values()) {
            String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            WatchedResources.get(context, Node.class, null, nodeName).ifPresent(node -> nodes.put(nodeName, node));
        }
        return nodes;
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<R> cached(
            Context<SiHaCluster> context, Class<R> kind, ClusterNames names, String name) {
        return WatchedResources.get(context, kind, names.namespace(), name);
    }

    private static long generation(SiHaCluster cluster) {
        Long generation = cluster.getMetadata().getGeneration();
        return generation == null ? 0L : generation;
    }
}
