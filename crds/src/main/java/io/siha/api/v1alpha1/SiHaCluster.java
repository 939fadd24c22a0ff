package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

import java.util.List;

/**
 * A Siddhi HA pair: two node pods running the same Siddhi apps, one active and one passive, electing through a
 * PostgreSQL lease. {@code kubectl get siha} shows whether it is Ready, which pod is active and which passive, the
 * lease epoch, the failovers, the phase and the age.
 *
 * <p>The status is a subresource (Fabric8 declares it because the class has a status type): the operator writes it
 * through {@code /status}, which does not bump {@code metadata.generation}.
 */
@Group(SiHaCluster.GROUP)
@Version(SiHaCluster.VERSION)
@Kind("SiHaCluster")
@Plural("sihaclusters")
@ShortNames("siha")
// The other columns are @PrinterColumn on status fields. READY reads the Ready condition; AGE is on metadata, which
// has no field here to annotate.
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "True when an active pod is Ready: the Service has an endpoint that accepts events.")
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class SiHaCluster extends CustomResource<SiHaClusterSpec, SiHaClusterStatus> implements Namespaced {

    public static final String GROUP = "siha.io";
    public static final String VERSION = "v1alpha1";

    /**
     * The order of {@code kubectl get siha}'s columns (after NAME), AGE last as kubectl's own resources have it. The
     * generator sorts the columns by JSON path; the checked-in CRD has them in this order (see the crds module's
     * GeneratedCrdIsCheckedInTest, which writes it).
     */
    public static final List<String> PRINTER_COLUMNS = List.of("READY", "ACTIVE", "PASSIVE", "EPOCH", "FAILOVERS",
            "PHASE", "AGE");

    /** The description of the resource as a whole (openAPIV3Schema), which no annotation of the generator sets. */
    public static final String DESCRIPTION = "A Siddhi stream-processing HA pair: two node pods running the same"
            + " Siddhi apps, one active and one passive, which elect the active through a lease in PostgreSQL and"
            + " sync every event to the passive before it is acknowledged. The operator creates and repairs the"
            + " pods, rolls them on a spec change (passive first, then a planned switchover) and reports the pair in"
            + " status.";

    @Override
    @JsonPropertyDescription("What the pair runs and how: the node image, the Siddhi apps, the databases, heartbeat,"
            + " persistence, the standby mode, sync, ingest, Service, pod template, TLS and extensions.")
    public SiHaClusterSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed: the active and passive pods, the lease epoch, failovers,"
            + " the phase and the conditions. Written by the operator only.")
    public SiHaClusterStatus getStatus() {
        return super.getStatus();
    }
}
