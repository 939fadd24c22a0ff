package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.api.v1alpha1.TlsSecretRef;
import io.siha.api.v1alpha1.TlsSpec;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec resolves to the ports of its apps' HTTP sources, or to a problem naming the app, the stream and why. */
class SourcePortResolutionTest {

    private final SiHaClusterSpec spec = TestClusters.cluster("orders").getSpec();
    private final Optional<Secret> password = Optional.of(TestClusters.passwordSecret("pw"));

    private static String app(String name, String... receiverUrls) {
        StringBuilder app = new StringBuilder("@app:name('" + name + "')\n");
        for (int i = 0; i < receiverUrls.length; i++) {
            app.append("@source(type='http', receiver.url='").append(receiverUrls[i]).append("', @map(type='json'))\n")
                    .append("define stream S").append(i).append(" (id string);\n");
        }
        return app.append("define stream Plain (id string);\n").toString();
    }

    @Test
    void theSourcesPortsOfEveryAppAreResolvedEachOnce() {
        spec.getApps().setInline(List.of(
                new InlineSiddhiApp("shop", app("Shop", "http://0.0.0.0:8280/orders", "http://0.0.0.0:8280/refunds")),
                new InlineSiddhiApp("audit", app("Audit", "http://0.0.0.0:8090/audit")),
                new InlineSiddhiApp("counter", TestClusters.APP)));

        assertThat(sourcePorts()).containsExactly(8090, 8280);
    }

    @Test
    void appsWithoutHttpSourcesHaveNoSourcePorts() {
        assertThat(sourcePorts()).isEmpty();
    }

    @Test
    void aSourceWithoutReceiverUrlHasSisDefaultPort() {
        spec.getApps().setInline(List.of(new InlineSiddhiApp("shop", """
                @app:name('Shop')
                @source(type='http', @map(type='json'))
                define stream Orders (id string);
                """)));

        assertThat(sourcePorts()).containsExactly(HttpSource.DEFAULT_PORT);
    }

    @Test
    void aSourceOnOneOfTheNodesOwnPortsIsAProblemOnTheAppsField() {
        spec.getSync().setPort(9900);
        spec.getApps().setInline(List.of(
                new InlineSiddhiApp("ok", app("Ok", "http://0.0.0.0:8280/ok")),
                new InlineSiddhiApp("clash", app("Clash", "http://0.0.0.0:8006/a", "http://0.0.0.0:9611/b",
                        "http://0.0.0.0:9900/c", "http://0.0.0.0:9090/d"))));

        assertThat(problems()).containsExactly(
                "spec.apps.inline[1].siddhi: app clash, @source(type='http') of stream S0: port 8006 is the node's"
                        + " HTTP ingest port (spec.ingest.httpPort); give its receiver.url another port",
                "spec.apps.inline[1].siddhi: app clash, @source(type='http') of stream S1: port 9611 is the node's"
                        + " binary ingest port (spec.ingest.binaryPort); give its receiver.url another port",
                "spec.apps.inline[1].siddhi: app clash, @source(type='http') of stream S2: port 9900 is the node's"
                        + " sync port (spec.sync.port); give its receiver.url another port",
                "spec.apps.inline[1].siddhi: app clash, @source(type='http') of stream S3: port 9090 is the node's"
                        + " REST port; give its receiver.url another port");
    }

    @Test
    void aPortOutOfRangeOrAUrlTheNodeCannotReadIsAProblem() {
        spec.getApps().setInline(List.of(new InlineSiddhiApp("bad",
                app("Bad", "http://0.0.0.0:70000/a", "tcp://0.0.0.0:8280/b"))));

        assertThat(problems()).containsExactly(
                "spec.apps.inline[0].siddhi: app bad, @source(type='http') of stream S0: receiver.url"
                        + " 'http://0.0.0.0:70000/a' has port 70000, outside 1 to 65535",
                "spec.apps.inline[0].siddhi: app bad, @source(type='http') of stream S1: receiver.url"
                        + " 'tcp://0.0.0.0:8280/b' must be http://host:port/path or https://host:port/path");
    }

    @Test
    void anHttpsSourceNeedsTheIngestCertificate() {
        spec.getApps().setInline(List.of(new InlineSiddhiApp("secure", app("Secure", "https://0.0.0.0:8443/a"))));
        assertThat(problems()).containsExactly("spec.apps.inline[0].siddhi: app secure, @source(type='http') of stream"
                + " S0: an https receiver.url needs the node's ingest certificate: set spec.tls.ingest.secretName, or"
                + " use http");

        spec.setTls(new TlsSpec(null, new TlsSecretRef("orders-ingest-tls")));
        SpecResolution resolution = SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty(),
                new TlsSecrets(Optional.empty(), Optional.of(TestClusters.tlsSecret("orders-ingest-tls", "v1"))));
        assertThat(valid(resolution).sourcePorts().numbers()).containsExactly(8443);
    }

    @Test
    void appsFromAConfigMapAreReadAlike() {
        spec.getApps().setInline(null);
        spec.getApps().setConfigMapName("mine");
        ConfigMap mine = new ConfigMapBuilder().withNewMetadata().withName("mine").endMetadata()
                .withData(Map.of("shop.siddhi", app("Shop", "http://0.0.0.0/orders"),
                        "notes.txt", app("NotAnApp", "http://0.0.0.0:8006/x")))
                .build();
        assertThat(valid(SpecResolver.resolve(spec, password, Optional.empty(), Optional.of(mine))).sourcePorts()
                .numbers()).containsExactly(80);

        mine.getData().put("clash.siddhi", app("Clash", "http://0.0.0.0:8006/x"));
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.of(mine))))
                .containsExactly("spec.apps.configMapName: ConfigMap mine key clash.siddhi, @source(type='http') of"
                        + " stream S0: port 8006 is the node's HTTP ingest port (spec.ingest.httpPort); give its"
                        + " receiver.url another port");
    }

    private List<Integer> sourcePorts() {
        return List.copyOf(valid(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty()))
                .sourcePorts().numbers());
    }

    private List<String> problems() {
        return problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty()));
    }

    private static ResolvedInputs valid(SpecResolution resolution) {
        assertThat(resolution).isInstanceOf(SpecResolution.Valid.class);
        return ((SpecResolution.Valid) resolution).inputs();
    }

    private static List<String> problems(SpecResolution resolution) {
        assertThat(resolution).isInstanceOf(SpecResolution.Invalid.class);
        return ((SpecResolution.Invalid) resolution).problems().stream().map(SpecProblem::toString).toList();
    }
}
