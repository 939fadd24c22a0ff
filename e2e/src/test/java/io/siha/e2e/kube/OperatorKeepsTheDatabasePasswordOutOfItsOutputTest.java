package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.siha.api.v1alpha1.PasswordSecretRef;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.node.testing.CapturedStderr;
import io.siha.node.testing.SecretLeakScanner;
import io.siha.operator.model.OperatorPodAnnotations;
import io.siha.operator.status.ConditionTypes;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator reads the database password from the Secret the SiHaCluster names (to copy it into NAME-db and to hash
 * it, so a rotation rolls the pair). Driven through a start, a password rotation that rolls the pair, and a reference
 * to a key the Secret lacks, it must never show the password, old or new, in the SiHaCluster status, the Events or
 * its log. The log is the test JVM's standard error, where the in-process operator's slf4j lines go, captured from
 * before the operator starts; the pods' own output is searched as well.
 */
class OperatorKeepsTheDatabasePasswordOutOfItsOutputTest {

    private static final Logger log = LoggerFactory.getLogger(OperatorKeepsTheDatabasePasswordOutOfItsOutputTest.class);

    private static final String CLUSTER = "vault";
    private static final String SECRET = "vault-db-credentials";
    private static final String PASSWORD = "e2e-pg-pass-K4r7Tz1Qm8";
    private static final String ROTATED_PASSWORD = "e2e-pg-rotated-W6c3Ns9Vb2";
    private static final Duration STEP = Duration.ofSeconds(120);

    @Test
    void theDatabasePasswordNeverAppearsInStatusEventsOrLogs() throws Exception {
        String operatorLog;
        List<String> statuses = new ArrayList<>();
        String events;
        Path pods;
        try (CapturedStderr stderr = new CapturedStderr();
             MockCluster kube = new MockCluster(getClass().getSimpleName())) {
            pods = kube.workDirectory();
            kube.client().resource(passwordSecret(kube.namespace(), PASSWORD)).create();
            SiHaCluster cluster = kube.counterCluster(CLUSTER, 200);
            cluster.getSpec().getDatabase().setPasswordSecretRef(new PasswordSecretRef(SECRET,
                    PasswordSecretRef.DEFAULT_KEY));
            kube.apply(cluster);
            awaitRunning(kube, "the pair runs");
            String firstHash = templateHash(kube);
            statuses.add(statusJson(kube));

            // The operator hashes the Secret's data into the pod template: a new password rolls both pods.
            kube.client().resource(passwordSecret(kube.namespace(), ROTATED_PASSWORD)).update();
            await("both pods rolled to the rotated password; logs in " + pods).atMost(STEP)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        String hash = templateHash(kube);
                        return hash != null && !hash.equals(firstHash) && running(kube);
                    });
            statuses.add(statusJson(kube));

            kube.editSpec(CLUSTER, c -> c.getSpec().getDatabase().setPasswordSecretRef(
                    new PasswordSecretRef(SECRET, "no-such-key")));
            await("the missing key is reported").atMost(STEP).pollInterval(Duration.ofMillis(200))
                    .until(() -> condition(kube, ConditionTypes.INVALID_SPEC).map(c -> "True".equals(c.getStatus()))
                            .orElse(false));
            statuses.add(statusJson(kube));
            events = Serialization.asJson(kube.client().v1().events().inNamespace(kube.namespace()).list());
            assertThat(kube.events(CLUSTER)).extracting(e -> e.getReason()).contains("RollingUpdate", "InvalidSpec");

            kube.deleteClusterAndAwaitPodsGone(CLUSTER);
            operatorLog = stderr.text();
        }

        SecretLeakScanner scanner = new SecretLeakScanner(Map.of("the database password", PASSWORD,
                "the rotated database password", ROTATED_PASSWORD));
        for (int i = 0; i < statuses.size(); i++) {
            scanner.scan("SiHaCluster status " + i, statuses.get(i));
        }
        scanner.scan("the Events", events);
        scanner.scan("the operator's log (the test JVM's stderr)", operatorLog);
        try (Stream<Path> files = Files.walk(pods)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                scanner.scan("pod output " + pods.relativize(file), Files.readString(file));
            }
        }
        log.info("searched {} characters of status, Events and logs for the database passwords",
                scanner.scannedChars());
        assertThat(operatorLog).as("the operator's log was captured").contains("Created Secret");
        assertThat(scanner.findings()).as("passwords found").isEmpty();
    }

    private static Secret passwordSecret(String namespace, String password) {
        return new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(namespace).endMetadata()
                .withData(Map.of(PasswordSecretRef.DEFAULT_KEY,
                        Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    private static void awaitRunning(MockCluster kube, String what) {
        await(what + "; logs in " + kube.workDirectory()).atMost(STEP).pollInterval(Duration.ofMillis(200))
                .until(() -> running(kube));
    }

    private static boolean running(MockCluster kube) {
        SiHaClusterStatus status = kube.cluster(CLUSTER).map(SiHaCluster::getStatus).orElse(null);
        return status != null && status.getPhase() == SiHaClusterPhase.RUNNING && status.getActivePod() != null
                && status.getPassivePod() != null;
    }

    /** The pods' common template hash, or null while they differ (mid-roll) or are missing. */
    private static String templateHash(MockCluster kube) {
        List<String> hashes = kube.podsOf(CLUSTER).stream().map(Pod::getMetadata)
                .map(meta -> meta.getAnnotations() == null ? null
                        : meta.getAnnotations().get(OperatorPodAnnotations.TEMPLATE_HASH))
                .distinct().toList();
        return hashes.size() == 1 && kube.podsOf(CLUSTER).size() == 2 ? hashes.get(0) : null;
    }

    private static java.util.Optional<Condition> condition(MockCluster kube, String type) {
        return kube.cluster(CLUSTER).map(SiHaCluster::getStatus).map(SiHaClusterStatus::getConditions)
                .flatMap(conditions -> conditions.stream().filter(c -> type.equals(c.getType())).findFirst());
    }

    private static String statusJson(MockCluster kube) {
        return Serialization.asJson(Objects.requireNonNull(kube.cluster(CLUSTER).orElseThrow()));
    }
}
