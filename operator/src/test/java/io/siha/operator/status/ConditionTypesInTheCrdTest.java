package io.siha.operator.status;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubectl explain siha.status.conditions} names exactly the condition types the operator sets: the description
 * in the CRD users install lists each as {@code Name (what it means)}, and that list is ConditionTypes'.
 */
class ConditionTypesInTheCrdTest {

    private static final Path CRD = Path.of("../crds/sihaclusters.siha.io-v1.yml");
    private static final Pattern LISTED = Pattern.compile("(\\w+) \\(");

    @Test
    void theConditionsDescriptionNamesEveryConditionTypeAndNoOther() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(CRD), CustomResourceDefinition.class);
        String description = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties()
                .get("status").getProperties().get("conditions").getDescription();

        Set<String> listed = new TreeSet<>();
        Matcher names = LISTED.matcher(description);
        while (names.find()) {
            listed.add(names.group(1));
        }
        assertThat(listed).isEqualTo(conditionTypes());
    }

    private static Set<String> conditionTypes() {
        return Arrays.stream(ConditionTypes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ConditionTypesInTheCrdTest::value).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
