package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.siha.api.v1alpha1.SiHaClusterSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * What a pod needs for each TLS channel the spec turns on: the Secret as a read-only volume of exactly the files the
 * node reads, mounted at the channel's fixed path, and the variable naming that path. Nothing for a plain channel, so
 * the pod spec (and its template hash) of a cluster without TLS is what it was before TLS existed.
 */
final class TlsVolumes {

    /** Owner and group read only: the pod's fsGroup (the node's gid) owns Secret volume files. */
    static final int FILE_MODE = 0440;

    private TlsVolumes() {
    }

    static List<Volume> volumes(SiHaClusterSpec spec) {
        List<Volume> volumes = new ArrayList<>();
        for (TlsChannel channel : TlsChannel.values()) {
            channel.secretName(spec).ifPresent(secret -> volumes.add(new VolumeBuilder()
                    .withName(channel.volumeName())
                    .withNewSecret()
                        .withSecretName(secret)
                        .withDefaultMode(FILE_MODE)
                        .withItems(channel.files().stream().map(file -> new KeyToPath(file, null, file)).toList())
                    .endSecret()
                    .build()));
        }
        return volumes;
    }

    static List<VolumeMount> mounts(SiHaClusterSpec spec) {
        List<VolumeMount> mounts = new ArrayList<>();
        for (TlsChannel channel : TlsChannel.values()) {
            if (channel.secretName(spec).isPresent()) {
                mounts.add(new VolumeMountBuilder().withName(channel.volumeName()).withMountPath(channel.mountPath())
                        .withReadOnly(true).build());
            }
        }
        return mounts;
    }

    static List<EnvVar> env(SiHaClusterSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        for (TlsChannel channel : TlsChannel.values()) {
            if (channel.secretName(spec).isPresent()) {
                env.add(new EnvVarBuilder().withName(channel.envName()).withValue(channel.mountPath()).build());
            }
        }
        return env;
    }
}
