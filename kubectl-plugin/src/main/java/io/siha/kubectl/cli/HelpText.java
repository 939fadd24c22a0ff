package io.siha.kubectl.cli;

import java.util.Optional;

/** What {@code kubectl siha help [COMMAND]} prints. */
public final class HelpText {

    private static final String GLOBAL = """
            Flags of every command that talks to a cluster, as kubectl's:
              -n, --namespace NS     the SiHaCluster's namespace (default: the context's namespace)
                  --context NAME     the kubeconfig context to use (default: the current context)
                  --kubeconfig FILE  the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
            """;

    private static final String OVERVIEW = """
            kubectl siha: the si-ha pair of a SiHaCluster, through the API server alone (no port-forward).

            Commands:
              status NAME                  both pods: role, epoch, passive in sync, queue, snapshot age,
                                           acknowledgement wait p99, apply backlog, output backlog
              switchover NAME [--to POD]   hand the active role over to the passive (or POD) and wait for the outcome
              logs NAME [-f]               the active pod's node log
              help [COMMAND]               this text, or a command's
              version                      the plugin's version

            """ + GLOBAL + """

            Exit codes: 0 done, 1 failed or refused, 2 the command line is wrong.
            """;

    private static final String STATUS = """
            kubectl siha status NAME

            Reads the SiHaCluster NAME, its pods, and each pod's /v1/status through the API server's pod proxy
            (GET /api/v1/namespaces/NS/pods/POD:PORT/proxy/v1/status on the node's REST port). Needs get on
            sihaclusters, get and list on pods, and get on pods/proxy. A pod whose node does not answer is shown
            as unreachable.

            """ + GLOBAL;

    private static final String SWITCHOVER = """
            kubectl siha switchover NAME [--to POD] [--no-wait] [--timeout 5m]

            Sets spec.switchover of the SiHaCluster NAME: activePod the passive pod (or POD), requestId a fresh one.
            The operator hands over and records the outcome in status.lastSwitchover; this command waits for it and
            prints it: Succeeded (exit 0), Refused with its reason, or Failed (exit 1).
              --to POD        the pod to make active (default: status.passivePod)
              --no-wait       only set the request, do not wait for the outcome
              --timeout DUR   how long to wait, e.g. 90s or 5m (default 5m)
            Needs get and patch on sihaclusters.

            """ + GLOBAL;

    private static final String LOGS = """
            kubectl siha logs NAME [-f]

            The log of the node container of the active pod (status.activePod).
              -f, --follow    keep printing as the node writes, until the pod stops or Ctrl-C
            Needs get on pods/log.

            """ + GLOBAL;

    private HelpText() {
    }

    public static String of(Optional<Command> topic) {
        return topic.map(t -> switch (t) {
            case STATUS -> STATUS;
            case SWITCHOVER -> SWITCHOVER;
            case LOGS -> LOGS;
            case HELP, VERSION -> OVERVIEW;
        }).orElse(OVERVIEW);
    }
}
