package io.siha.operator.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads every app of the spec with Siddhi's compiler ({@link AppSyntax}), and from those that parse the ports their
 * HTTP sources listen on, so that the operator can expose them. A source port that is one of the node's own ports
 * would stop the node at start (or leave the source unopened, retried forever), and a receiver.url the node cannot
 * read, or an https one on a pair without an ingest certificate, stops it too: each is reported here, naming the app
 * and the stream, before any pod runs it. Two sources on one port are fine: the node serves them from one server, by
 * path.
 */
final class AppResolver {

    private AppResolver() {
    }

    /**
     * The ports of the apps' HTTP sources; problems are added for apps that do not parse, for bad ports, and for an
     * https source on a pair without ingest TLS ({@code ingestTls} false), which has no certificate to serve it with.
     */
    static SourcePorts sourcePorts(List<AppFile> apps, List<NodePort> nodePorts, boolean ingestTls,
                                   List<SpecProblem> problems) {
        SortedSet<Integer> ports = new TreeSet<>();
        for (AppFile app : apps) {
            AppSyntax.Result result = AppSyntax.parse(app.siddhi());
            if (result instanceof AppSyntax.Refused refused) {
                problems.add(app.problem(refused.problem()));
            } else if (result instanceof AppSyntax.Parsed parsed) {
                for (HttpSource source : HttpSource.of(parsed.app())) {
                    Optional<Integer> port = port(app, source, nodePorts, problems);
                    port.ifPresent(ports::add);
                    if (port.isPresent() && source.https() && !ingestTls) {
                        problems.add(app.problem(source, "an https receiver.url needs the node's ingest"
                                + " certificate: set spec.tls.ingest.secretName, or use http"));
                    }
                }
            }
        }
        return new SourcePorts(ports);
    }

    private static Optional<Integer> port(AppFile app, HttpSource source, List<NodePort> nodePorts,
                                          List<SpecProblem> problems) {
        int port;
        try {
            port = source.port();
        } catch (IllegalArgumentException e) {
            problems.add(app.problem(source, e.getMessage()));
            return Optional.empty();
        }
        Optional<NodePort> taken = nodePorts.stream().filter(own -> own.number() == port).findFirst();
        taken.ifPresent(own -> problems.add(app.problem(source, "port " + port + " is " + own.describedAs()
                + "; give its receiver.url another port")));
        return taken.isPresent() ? Optional.empty() : Optional.of(port);
    }
}
