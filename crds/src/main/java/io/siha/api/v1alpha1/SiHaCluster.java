package io.siha.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Siddhi HA pair: two node pods running the same Siddhi apps, one active and one passive, electing through a
 * PostgreSQL lease. {@code kubectl get siha} shows which pod is active, the lease epoch and the phase.
 *
 * <p>The status is a subresource (Fabric8 declares it because the class has a status type): the operator writes it
 * through {@code /status}, which does not bump {@code metadata.generation}.
 */
@Group(SiHaCluster.GROUP)
@Version(SiHaCluster.VERSION)
@Kind("SiHaCluster")
@Plural("sihaclusters")
@ShortNames("siha")
// The other columns are @PrinterColumn on status fields; AGE is on metadata, which has no field here to annotate.
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class SiHaCluster extends CustomResource<SiHaClusterSpec, SiHaClusterStatus> implements Namespaced {

    public static final String GROUP = "siha.io";
    public static final String VERSION = "v1alpha1";
}
