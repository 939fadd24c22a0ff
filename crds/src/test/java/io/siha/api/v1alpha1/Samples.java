package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample SiHaCluster manifests in src/test/resources, as text or as an editable JSON tree. */
final class Samples {

    /** The least a user must write. */
    static final String MINIMAL = "sihacluster-minimal.yaml";
    /** Every spec and status field set to a value other than its default. */
    static final String FULL = "sihacluster-full.yaml";

    private Samples() {
    }

    static String text(String resource) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh tree each call, so a test may change it. */
    static ObjectNode tree(String resource) {
        return (ObjectNode) JsonTrees.parse(text(resource));
    }
}
