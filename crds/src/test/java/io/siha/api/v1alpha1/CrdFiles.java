package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SiHaCluster CRD: the file the build generates from the model, and the copy checked in beside the pom. */
final class CrdFiles {

    static final String FILE_NAME = HasMetadata.getFullResourceName(SiHaCluster.class) + "-v1.yml";

    // Surefire runs in the module directory and sets basedir; an IDE usually runs there too.
    private static final Path MODULE_DIR = Path.of(System.getProperty("basedir", "."));

    private CrdFiles() {
    }

    /** Written by crd-generator-maven-plugin in process-classes, so it is always the current model's CRD. */
    static Path generated() {
        return MODULE_DIR.resolve("target/classes/META-INF/fabric8").resolve(FILE_NAME);
    }

    /** The copy users and the Helm chart install. */
    static Path checkedIn() {
        return MODULE_DIR.resolve(FILE_NAME);
    }

    static CustomResourceDefinition generatedCrd() {
        return crd(generated());
    }

    /** What users install: the generated CRD with {@link CrdPostProcessing}'s additions. */
    static CustomResourceDefinition checkedInCrd() {
        return crd(checkedIn());
    }

    private static CustomResourceDefinition crd(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The openAPIV3Schema of the only version, as plain JSON so that validators can read it. */
    static JsonNode generatedOpenApiSchema() {
        try {
            return openApiSchema(Files.readString(generated()), generated().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same schema read from the class path: in another module, the CRD inside the si-ha-crds jar. */
    static JsonNode packagedOpenApiSchema() {
        String resource = "META-INF/fabric8/" + FILE_NAME;
        try (InputStream in = CrdFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (it is in the si-ha-crds jar)");
            }
            return openApiSchema(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode openApiSchema(String crdYaml, String source) {
        JsonNode schema = JsonTrees.parse(crdYaml).at("/spec/versions/0/schema/openAPIV3Schema");
        if (schema.isMissingNode()) {
            throw new IllegalStateException(source + " has no spec.versions[0].schema.openAPIV3Schema");
        }
        return schema;
    }
}
