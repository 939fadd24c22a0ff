package io.siha.api.v1alpha1;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The checked-in CRD (what users and the Helm chart install) must be the one the model generates, with what the
 * generator cannot write added ({@link CrdPostProcessing}: the printer columns' order, the resource's description), or
 * a change to the Java model would silently not reach the cluster.
 *
 * <p>To refresh the checked-in file after changing the model, run from the repository root:
 * <pre>mvn -pl crds test -Dtest=GeneratedCrdIsCheckedInTest -Dsiha.updateCrd=true</pre>
 * With {@code siha.updateCrd=true} this test copies the generated file over the checked-in one instead of failing.
 */
class GeneratedCrdIsCheckedInTest {

    private static final String UPDATE_PROPERTY = "siha.updateCrd";

    @Test
    void checkedInCrdIsTheGeneratedOne() throws IOException {
        Path generated = CrdFiles.generated();
        Path checkedIn = CrdFiles.checkedIn();
        assertThat(generated).as("CRD written by crd-generator-maven-plugin").exists();

        String expectedText = CrdPostProcessing.apply(Files.readString(generated));
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(checkedIn, expectedText);
        }

        if (!Files.exists(checkedIn)) {
            fail("crds/%s is missing. %s", CrdFiles.FILE_NAME, howToRefresh());
        }
        List<String> expected = expectedText.lines().toList();
        List<String> actual = Files.readAllLines(checkedIn);
        if (!actual.equals(expected)) {
            fail("crds/%s differs from the CRD generated from the model, first at line %d. %s",
                    CrdFiles.FILE_NAME, firstDifferentLine(expected, actual), howToRefresh());
        }
    }

    private static String howToRefresh() {
        return "Refresh it with `mvn -pl crds test -Dtest=" + GeneratedCrdIsCheckedInTest.class.getSimpleName()
                + " -D" + UPDATE_PROPERTY + "=true` and commit it.";
    }

    /** 1-based. */
    private static int firstDifferentLine(List<String> expected, List<String> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return i + 1;
            }
        }
        return common + 1;
    }
}
