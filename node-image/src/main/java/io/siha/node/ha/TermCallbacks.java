package io.siha.node.ha;

import io.siha.node.k8s.NodeTrouble;

import java.util.function.Consumer;

/**
 * What a term tells the node controller: its epoch was fenced in the persistence database, what goes wrong (for the
 * pod), and what a takeover discarded of state that no longer fit the apps.
 */
record TermCallbacks(Runnable onFenced, Consumer<NodeTrouble> onTrouble, Consumer<String> onStateDiscarded) {
}
