package com.usersplatform.infra.workloads;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * The cluster's default StorageClass: gp3 EBS volumes provisioned by the EBS CSI driver, encrypted with the stack's
 * KMS key, created in the zone of the pod that first uses them.
 * Parameters: https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md
 * Default class annotation: https://kubernetes.io/docs/tasks/administer-cluster/change-default-storage-class/
 */
public final class EncryptedStorageClass {
    /** Name PersistentVolumeClaims give as {@code storageClassName}. */
    public static final String NAME = "gp3-encrypted";
    static final String PROVISIONER = "ebs.csi.aws.com";

    /** The StorageClass; whatever claims a volume waits for it (and, through it, for the CSI driver). */
    public final StorageClass resource;

    public EncryptedStorageClass(String name, Output<String> kmsKeyArn, Resource storageDriver,
                                 Resource parent) {
        this.resource = new StorageClass(name, StorageClassArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAME)
                        .annotations(Map.of("storageclass.kubernetes.io/is-default-class", "true")).build())
                .provisioner(PROVISIONER)
                .parameters(kmsKeyArn.applyValue(key -> Map.of("type", "gp3", "encrypted", "true", "kmsKeyId", key)))
                // A volume lives in one zone: bind it where the pod is scheduled, not in a random zone first.
                .volumeBindingMode("WaitForFirstConsumer")
                .allowVolumeExpansion(true)
                .reclaimPolicy("Delete")
                .build(), CustomResourceOptions.builder().parent(parent)
                .dependsOn(List.of(storageDriver)).build());
    }
}
