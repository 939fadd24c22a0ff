package io.siha.e2e.chart;

import io.siha.e2e.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart installs the CRD the crds module generates and checks in, not a copy that could drift: its crds/ file is a
 * symbolic link to crds/sihaclusters.siha.io-v1.yml, which helm follows when it loads or packages the chart.
 */
class ChartCrdTest {

    @Test
    void helmInstallsTheCheckedInCrdUnchanged() throws IOException {
        String installed = ChartUnderTest.crds();

        assertThat(installed.strip()).isEqualTo(Files.readString(RepositoryFiles.crd()).strip());
    }

    @Test
    void theChartsCrdIsALinkToTheCheckedInFileNotACopy() throws IOException {
        var linked = RepositoryFiles.chart().resolve("crds/sihaclusters.siha.io-v1.yml");

        assertThat(Files.isSymbolicLink(linked)).as(linked + " is a symbolic link").isTrue();
        assertThat(linked.toRealPath()).isEqualTo(RepositoryFiles.crd().toRealPath());
    }
}
