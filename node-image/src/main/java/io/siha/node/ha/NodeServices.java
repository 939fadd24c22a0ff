package io.siha.node.ha;

import io.netty.channel.EventLoopGroup;
import io.siha.node.cluster.LeaseStore;
import io.siha.node.config.NodeConfig;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.OutputGate;
import io.siha.node.state.SnapshotStore;
import io.siha.node.sync.SyncSettings;

import java.util.List;

/** The long-lived collaborators every term of this node uses. */
public record NodeServices(NodeConfig config, List<AppSource> apps, LeaseStore leases, SnapshotStore snapshots,
                           SyncSettings syncSettings, OutputGate outputGate, EventLoopGroup httpGroup,
                           NodeCounters counters) {
}
