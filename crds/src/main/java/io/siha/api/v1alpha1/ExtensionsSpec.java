package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The user's own Siddhi extension jars, shipped as an image of their own: an init container of each node pod copies
 * the image's {@code path/*.jar} into a volume the node loads them from at start. An image rather than a ConfigMap,
 * because jars are binary and soon larger than a ConfigMap's 1 MiB; and rather than a node image of the user's own,
 * so the node image stays the project's and is upgraded without rebuilding theirs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExtensionsSpec {

    /** Where the jars are in the image when {@link #path} is unset. */
    public static final String DEFAULT_PATH = "/extensions";

    // The pattern also refuses an empty name.
    @Required
    @Pattern(SchemaConstraints.IMAGE_REFERENCE)
    @JsonPropertyDescription("Image holding the extension jars, e.g. registry.example.com/orders-extensions:1.0. It"
            + " runs as an init container, as uid 10001, with the command sh -c, so it needs sh and cp on its PATH"
            + " (FROM busybox or alpine) and jars readable by others. A new tag (or digest) rolls the pair; an image"
            + " pushed again under the same tag does not.")
    private String image;

    @Default(DEFAULT_PATH)
    @Pattern(SchemaConstraints.ABSOLUTE_PATH)
    @JsonPropertyDescription("Directory in the image whose *.jar files are copied; other files are left behind.")
    private String path = DEFAULT_PATH;

    @JsonPropertyDescription("Pull policy of the extensions image: Always, IfNotPresent or Never. Unset: Kubernetes'"
            + " default (Always for the tag latest or no tag, IfNotPresent otherwise).")
    private ImagePullPolicy imagePullPolicy;

    public ExtensionsSpec() {
    }

    public ExtensionsSpec(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /** Null when unset: the pod then gets Kubernetes' default for the image's tag. */
    public ImagePullPolicy getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(ImagePullPolicy imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }
}
