package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.siha.api.SiHaDefaults;
import io.siha.api.v1alpha1.DatabaseSpec;
import io.siha.api.v1alpha1.ExtensionsSpec;
import io.siha.api.v1alpha1.IngestSpec;
import io.siha.api.v1alpha1.IngestTokenSecretRef;
import io.siha.api.v1alpha1.SecretKeyRef;
import io.siha.api.v1alpha1.SiHaClusterSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Checks what the CRD schema cannot (references to other objects, unique app names, apps that do not parse, the ports
 * of the apps' sources, the ingest token's length, the TLS Secrets' keys, what the pod template may not take:
 * {@link PodTemplateChecks}, the monitoring and logging fields: {@link ObservabilityChecks}) and what a server
 * without schema validation would let through (required fields, "exactly one of", distinct ports), then reads the
 * referenced values.
 * Pure: the caller looks the referenced objects up and passes them in, so this is unit-tested without a server.
 */
public final class SpecResolver {

    /** Files of a referenced apps ConfigMap that are Siddhi apps; the node loads exactly these. */
    public static final String APP_FILE_SUFFIX = ".siddhi";

    private SpecResolver() {
    }

    /** The node refuses a shorter token at start (NodeConfig); refused here first, so no pod crash-loops on it. */
    static final int MIN_INGEST_TOKEN_LENGTH = 16;

    /** For a spec without TLS, or to check one whose TLS Secrets are absent. */
    public static SpecResolution resolve(SiHaClusterSpec spec, Optional<Secret> passwordSecret,
                                         Optional<Secret> ingestTokenSecret, Optional<ConfigMap> appsConfigMap) {
        return resolve(spec, passwordSecret, ingestTokenSecret, appsConfigMap, TlsSecrets.none());
    }

    public static SpecResolution resolve(SiHaClusterSpec spec, Optional<Secret> passwordSecret,
                                         Optional<Secret> ingestTokenSecret, Optional<ConfigMap> appsConfigMap,
                                         TlsSecrets tlsSecrets) {
        List<SpecProblem> problems = new ArrayList<>();
        if (spec == null) {
            return new SpecResolution.Invalid(List.of(new SpecProblem("spec", "is missing")));
        }
        if (blank(spec.getImage())) {
            problems.add(new SpecProblem("spec.image", "is required"));
        }
        checkPortsDiffer(spec, problems);
        String password = resolvePassword(spec.getDatabase(), passwordSecret, problems);
        Optional<String> ingestToken = resolveIngestToken(spec.getIngest(), ingestTokenSecret, problems);
        PeerChecks.check("spec.ingest.allowedFrom", spec.getIngest().getAllowedFrom(), "allow any source", problems);
        List<AppFile> apps = AppFiles.resolve(spec.getApps(), appsConfigMap, problems);
        SourcePorts sourcePorts = AppResolver.sourcePorts(apps, NodePort.of(spec), TlsChannel.INGEST.configured(spec),
                problems);
        SortedMap<String, String> tlsFiles = TlsSecretResolver.resolve(spec, tlsSecrets, problems);
        checkExtensions(spec.getExtensions(), problems);
        PodTemplateChecks.check(spec.getPod(), problems);
        LoadBalancerChecks.check(spec.getService() == null ? null : spec.getService().getLoadBalancer(), problems);
        ObservabilityChecks.check(spec.getMonitoring(), spec.getLogging(), problems);
        SwitchoverChecks.check(spec.getSwitchover(), problems);
        return problems.isEmpty()
                ? new SpecResolution.Valid(new ResolvedInputs(password, ingestToken, AppFiles.byFileName(apps),
                        tlsFiles, sourcePorts))
                : new SpecResolution.Invalid(problems);
    }

    private static String resolvePassword(DatabaseSpec database, Optional<Secret> secret, List<SpecProblem> problems) {
        if (database == null) {
            problems.add(new SpecProblem("spec.database", "is required"));
            return null;
        }
        if (blank(database.getClusterJdbcUrl())) {
            problems.add(new SpecProblem("spec.database.clusterJdbcUrl", "is required"));
        }
        if (blank(database.getUser())) {
            problems.add(new SpecProblem("spec.database.user", "is required"));
        }
        return secretValue("spec.database.passwordSecretRef", database.getPasswordSecretRef(), secret, problems);
    }

    private static Optional<String> resolveIngestToken(IngestSpec ingest, Optional<Secret> secret,
                                                       List<SpecProblem> problems) {
        IngestTokenSecretRef ref = ingest.getAuthTokenSecretRef();
        if (ref == null) {
            return Optional.empty();
        }
        String field = "spec.ingest.authTokenSecretRef";
        String token = secretValue(field, ref, secret, problems);
        if (token != null && decodedLength(token) < MIN_INGEST_TOKEN_LENGTH) {
            // The message names the rule, never the value: status conditions and Events are readable by many.
            problems.add(new SpecProblem(field + ".key", "the token in Secret " + ref.getName() + " key "
                    + ref.getKey() + " is shorter than " + MIN_INGEST_TOKEN_LENGTH + " characters"));
        }
        return Optional.ofNullable(token);
    }

    /** The base64 value of the referenced key, or null after adding the problem (no name, no Secret, no key). */
    private static String secretValue(String field, SecretKeyRef ref, Optional<Secret> secret,
                                      List<SpecProblem> problems) {
        if (ref == null || blank(ref.getName())) {
            problems.add(new SpecProblem(field + ".name", "is required"));
            return null;
        }
        if (secret.isEmpty()) {
            problems.add(new SpecProblem(field + ".name", "Secret " + ref.getName() + " not found"));
            return null;
        }
        Map<String, String> data = secret.get().getData();
        String value = data == null ? null : data.get(ref.getKey());
        if (value == null) {
            problems.add(new SpecProblem(field + ".key", "Secret " + ref.getName() + " has no key " + ref.getKey()));
        }
        return value;
    }

    private static int decodedLength(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).length();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    // The schema has a CEL rule for this; checked again because a server without validation (or an old CRD) lets it
    // through, and a clash only shows as a node that cannot bind its port.
    private static void checkPortsDiffer(SiHaClusterSpec spec, List<SpecProblem> problems) {
        List<Integer> ports = NodePort.of(spec).stream().map(NodePort::number).toList();
        if (new HashSet<>(ports).size() != ports.size()) {
            problems.add(new SpecProblem("spec.sync.port, spec.ingest",
                    "sync.port, ingest.httpPort, ingest.binaryPort and the REST port " + SiHaDefaults.REST_PORT
                            + " must all differ"));
        }
    }

    // The schema says both with patterns; checked again for a server without validation, where a blank image would be
    // a failing write of the operator's pod and a relative path an init container failing in every new pod.
    private static void checkExtensions(ExtensionsSpec extensions, List<SpecProblem> problems) {
        if (extensions == null) {
            return;
        }
        String image = extensions.getImage();
        if (blank(image)) {
            problems.add(new SpecProblem("spec.extensions.image", "is required"));
        } else if (image.chars().anyMatch(Character::isWhitespace)) {
            problems.add(new SpecProblem("spec.extensions.image", "must not contain white space"));
        }
        if (extensions.getPath() == null || !extensions.getPath().startsWith("/")) {
            problems.add(new SpecProblem("spec.extensions.path", "must be an absolute path in the image, e.g. "
                    + ExtensionsSpec.DEFAULT_PATH));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
