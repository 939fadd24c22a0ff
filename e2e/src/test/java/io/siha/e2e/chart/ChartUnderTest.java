package io.siha.e2e.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.siha.e2e.RepositoryFiles;

import java.util.Map;

/** The si-ha-operator chart of this repository, driven through helm-java (the helm library, no helm binary). */
final class ChartUnderTest {

    static final String RELEASE = "si-ha";
    static final String RELEASE_NAMESPACE = "si-ha-system";
    /** The release name is not the chart name, so object names are RELEASE-si-ha-operator. */
    static final String FULL_NAME = RELEASE + "-si-ha-operator";

    private ChartUnderTest() {
    }

    static RenderedChart render() {
        return render(Map.of());
    }

    /** {@code helm template} with {@code --set key=value} for each entry (keys such as {@code image.tag}). */
    static RenderedChart render(Map<String, String> values) {
        var template = helm().template().withName(RELEASE).withNamespace(RELEASE_NAMESPACE);
        values.forEach(template::set);
        return RenderedChart.parse(template.call());
    }

    /** {@code helm lint --strict} with the default values (helm-java's lint takes no --set). */
    static LintResult lintStrict() {
        return helm().lint().strict().call();
    }

    /** {@code helm show crds}: the CRDs helm install applies, read from the chart as helm packages it. */
    static String crds() {
        return helm().show().crds().call();
    }

    private static Helm helm() {
        return new Helm(RepositoryFiles.chart());
    }
}
