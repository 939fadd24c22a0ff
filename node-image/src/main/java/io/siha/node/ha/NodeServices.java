package io.siha.node.ha;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.siha.node.cluster.LeaseStore;
import io.siha.node.config.NodeConfig;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.OutputGate;
import io.siha.node.extensions.NodeExtensions;
import io.siha.node.memory.HeapGuard;
import io.siha.node.metrics.NodeMeters;
import io.siha.node.source.SourceIntake;
import io.siha.node.state.SnapshotStore;
import io.siha.node.sync.SyncSettings;

import java.util.List;
import java.util.Optional;

/**
 * The long-lived collaborators every term of this node uses.
 *
 * @param ingestTls the TLS server context of the ingest ports (from {@code SIHA_INGEST_TLS_DIR}): each ingest server
 *                  puts its handler first in every connection's pipeline, e.g. with
 *                  {@link io.siha.node.tls.TlsChannels#secure}; empty: the ingest ports speak plain TCP
 * @param meters    the node's own meters, kept across terms
 * @param heap      refuses new events while the apps' state would not leave room for the next snapshot
 * @param sources   where the apps' own {@code @source}s deliver: the active term, while there is one
 * @param extensions what the apps' Siddhi runtimes may use beyond siddhi-core: the node's extensions and the users'
 *                   jars' ({@code SIHA_EXTENSIONS_DIR}), loaded once for every runtime the node builds
 * @param standby    whether the passive runs a hot standby and the active sends it digests, decided once
 */
public record NodeServices(NodeConfig config, List<AppSource> apps, LeaseStore leases, SnapshotStore snapshots,
                           SyncSettings syncSettings, OutputGate outputGate, EventLoopGroup httpGroup,
                           NodeMeters meters, Optional<SslContext> ingestTls, HeapGuard heap,
                           SourceIntake sources, NodeExtensions extensions, StandbyPlan standby) {
}
