/**
 * Version {@code v1alpha1} of the {@code siha.io} API: the {@link io.siha.api.v1alpha1.SiHaCluster} custom resource.
 *
 * <p>The CRD ({@code crds/sihaclusters.siha.io-v1.yml}) is generated from these classes by the Fabric8 CRD generator,
 * so the annotations here are the schema: {@code @JsonPropertyDescription} becomes the field's description (what
 * {@code kubectl explain} shows), {@code @Required}, {@code @Min}, {@code @Max}, {@code @Pattern}, {@code @Size} and
 * {@code @ValidationRule} become validation, and {@code @Default} becomes the value the API server fills in.
 *
 * <p>Defaults come from {@link io.siha.api.SiHaDefaults}, which the node also uses when a variable is unset. An
 * annotation needs a constant String, hence the {@code @Default("" + SiHaDefaults.X)} idiom (a compile-time constant
 * expression, so the schema cannot drift from the shared value). The same constant also initialises the Java field,
 * so an object read from an API server that does not apply defaults (the Fabric8 mock server in tests) or built in
 * code holds the same values as one the real API server defaulted, and getters of defaulted fields never return null.
 */
package io.siha.api.v1alpha1;
