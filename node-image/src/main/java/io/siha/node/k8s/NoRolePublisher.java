package io.siha.node.k8s;

import io.siha.node.cluster.RoleChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Outside Kubernetes there is no pod to label; the role shows in the log and the REST status only. */
final class NoRolePublisher implements RolePublisher {

    private static final Logger log = LoggerFactory.getLogger(NoRolePublisher.class);

    NoRolePublisher(String why) {
        log.info("not running in a pod ({}): role labels are not published", why);
    }

    @Override
    public boolean publishPassiveAtStart(long timeoutMillis) {
        return true;
    }

    @Override
    public void onRoleChange(RoleChange change) {
        // Nothing to label: the election logs every change itself.
    }

    @Override
    public void publishTrouble(NodeTrouble trouble) {
        // Nothing to annotate: the node logs its snapshot failures and refusals, and /v1/status shows them.
    }

    @Override
    public void publishStateReport(StateReport report) {
        // Nothing to annotate: the takeover logs it, and /v1/status shows it.
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
