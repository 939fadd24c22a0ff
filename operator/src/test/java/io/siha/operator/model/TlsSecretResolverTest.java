package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.api.v1alpha1.TlsSecretRef;
import io.siha.api.v1alpha1.TlsSpec;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The TLS Secrets are checked before any pod mounts them, and their files feed the template hash. */
class TlsSecretResolverTest {

    private final SiHaClusterSpec spec = TestClusters.cluster("orders").getSpec();
    private final Optional<Secret> password = Optional.of(TestClusters.passwordSecret("pw"));

    @Test
    void bothChannelsResolveToTheFilesTheyMount() {
        spec.setTls(new TlsSpec(new TlsSecretRef("sync-tls"), new TlsSecretRef("ingest-tls")));

        SpecResolution resolution = resolve(new TlsSecrets(Optional.of(TestClusters.tlsSecret("sync-tls", "v1")),
                Optional.of(TestClusters.tlsSecret("ingest-tls", "v1"))));

        assertThat(resolution).isInstanceOfSatisfying(SpecResolution.Valid.class, valid ->
                assertThat(valid.inputs().tlsFiles()).containsOnlyKeys("sync/tls.crt", "sync/tls.key", "sync/ca.crt",
                        "ingest/tls.crt", "ingest/tls.key"));
    }

    @Test
    void withoutTlsThereAreNoFiles() {
        assertThat(resolve(TlsSecrets.none())).isInstanceOfSatisfying(SpecResolution.Valid.class,
                valid -> assertThat(valid.inputs().tlsFiles()).isEmpty());
    }

    @Test
    void aMissingSecretIsNamedWithItsField() {
        spec.setTls(new TlsSpec(new TlsSecretRef("sync-tls"), null));

        assertThat(problems(resolve(TlsSecrets.none()))).containsExactly("spec.tls.sync.secretName: Secret sync-tls"
                + " not found (a cert-manager Certificate writes it once issued)");
    }

    @Test
    void aSyncSecretWithoutCaIsNamedWhileIngestNeedsNone() {
        spec.setTls(new TlsSpec(new TlsSecretRef("sync-tls"), new TlsSecretRef("ingest-tls")));
        Secret acmeLike = withoutCa(TestClusters.tlsSecret("ingest-tls", "v1"));

        SpecResolution resolution = resolve(new TlsSecrets(Optional.of(withoutCa(TestClusters.tlsSecret("sync-tls",
                "v1"))), Optional.of(acmeLike)));

        assertThat(problems(resolution)).containsExactly("spec.tls.sync.secretName: Secret sync-tls has no key ca.crt"
                + " (the CA the peer's certificate must chain to; cert-manager's CA and self-signed issuers write it)");
    }

    @Test
    void aSecretThatIsNotATlsSecretIsNamed() {
        spec.setTls(new TlsSpec(null, new TlsSecretRef("ingest-tls")));
        Secret opaque = TestClusters.secret("ingest-tls", "token", "not a certificate");

        assertThat(problems(resolve(new TlsSecrets(Optional.empty(), Optional.of(opaque))))).containsExactly(
                "spec.tls.ingest.secretName: Secret ingest-tls has no key tls.crt (expected a kubernetes.io/tls Secret)",
                "spec.tls.ingest.secretName: Secret ingest-tls has no key tls.key (expected a kubernetes.io/tls Secret)");
    }

    @Test
    void aBlankNameOnAServerWithoutValidationIsAProblem() {
        spec.setTls(new TlsSpec(new TlsSecretRef(" "), null));

        assertThat(problems(resolve(TlsSecrets.none()))).containsExactly("spec.tls.sync.secretName: is required");
    }

    private SpecResolution resolve(TlsSecrets secrets) {
        return SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty(), secrets);
    }

    private static Secret withoutCa(Secret secret) {
        return new SecretBuilder(secret).removeFromData("ca.crt").build();
    }

    private static java.util.List<String> problems(SpecResolution resolution) {
        assertThat(resolution).isInstanceOf(SpecResolution.Invalid.class);
        return ((SpecResolution.Invalid) resolution).problems().stream().map(SpecProblem::toString).toList();
    }
}
