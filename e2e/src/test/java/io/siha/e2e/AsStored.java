package io.siha.e2e;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the API server stores for a Secret written with stringData: the values base64-encoded into data. */
public final class AsStored {

    private AsStored() {
    }

    public static Secret secret(Secret written) {
        Map<String, String> data = new LinkedHashMap<>(written.getData() == null ? Map.of() : written.getData());
        if (written.getStringData() != null) {
            written.getStringData().forEach((key, value) ->
                    data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        }
        return new SecretBuilder(written).withData(data).withStringData(null).build();
    }

    /**
     * A kubernetes.io/tls Secret as cert-manager writes it once it has issued the Certificate (placeholders: the
     * operator only checks the keys and mounts them).
     */
    public static Secret issuedByCertManager(String name) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String key : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
            data.put(key, Base64.getEncoder().encodeToString(("placeholder " + key).getBytes(StandardCharsets.UTF_8)));
        }
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withType("kubernetes.io/tls")
                .withData(data).build();
    }

    /** A Secret the example's comments say to create out of band, with a placeholder under the referenced key. */
    public static Secret createdOutOfBand(String name, String key) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withData(Map.of(key, Base64.getEncoder().encodeToString("placeholder".getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
