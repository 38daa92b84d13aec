package com.usersplatform.infra.images;

import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.json.StableJson;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One private ECR repository per service, where the image workflow pushes and the nodes pull (the node role's
 * {@code AmazonEC2ContainerRegistryReadOnly} covers every repository of the account): scan on push, immutable tags
 * (a tag, once pushed, always names the same image, so a rollout is repeatable), encrypted with the stack's KMS
 * key, and a lifecycle policy that bounds storage without ever touching recent releases.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html">Immutable tags</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html">KMS encryption: at
 *      repository creation ECR adds grants on the key with the repository as grantee, and decrypts through them on
 *      pull, so the node role needs no KMS permission</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html">Lifecycle policies</a>
 */
public final class ImageRepositories extends ComponentResource {

    /** Untagged images (left behind by failed or superseded pushes) expire after this many days. */
    static final int UNTAGGED_DAYS = 7;
    /** Newest images kept per repository; older ones expire (rollbacks reach this far back). */
    static final int KEPT_IMAGES = 100;

    /** Repository URL ({@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}) per service name, sorted. */
    public final Map<String, Output<String>> urls;

    /**
     * @param services       the services with an image
     * @param repositoryName the repository name of a service (e.g. {@code users-platform-dev/gateway})
     * @param kmsKeyArn      the stack's key
     */
    public ImageRepositories(String name, List<String> services, UnaryOperator<String> repositoryName,
                             Output<String> kmsKeyArn, ComponentResourceOptions options) {
        super("users-platform:images:ImageRepositories", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        Map<String, Output<String>> byService = new TreeMap<>();
        for (String service : services) {
            var repository = new Repository(name + "-" + service, RepositoryArgs.builder()
                    .name(repositoryName.apply(service))
                    .imageTagMutability("IMMUTABLE")
                    .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder()
                            .scanOnPush(true).build())
                    .encryptionConfigurations(RepositoryEncryptionConfigurationArgs.builder()
                            .encryptionType("KMS").kmsKey(kmsKeyArn).build())
                    .build(), child);
            new LifecyclePolicy(name + "-" + service, LifecyclePolicyArgs.builder()
                    .repository(repository.name())
                    .policy(lifecyclePolicy())
                    .build(), child);
            byService.put(service, repository.repositoryUrl());
        }
        this.urls = Map.copyOf(byService);
        registerOutputs(Map.of());
    }

    /** Every repository URL by service name (a stack output). */
    public Output<Map<String, String>> all() {
        List<String> services = List.copyOf(urls.keySet().stream().sorted().toList());
        return Output.all(services.stream().map(urls::get).toList()).applyValue(values -> {
            Map<String, String> all = new TreeMap<>();
            for (int i = 0; i < services.size(); i++) {
                all.put(services.get(i), values.get(i));
            }
            return all;
        });
    }

    /**
     * Rule 1 expires untagged images after {@link #UNTAGGED_DAYS}; rule 2 keeps the newest {@link #KEPT_IMAGES}
     * images of any tag. A {@code tagStatus: any} rule must have the highest {@code rulePriority} (AWS rejects the
     * policy otherwise).
     */
    static String lifecyclePolicy() {
        return StableJson.of(Map.of("rules", List.of(
                Map.of("rulePriority", 1, "description", "untagged images expire after " + UNTAGGED_DAYS + " days",
                        "selection", Map.of("tagStatus", "untagged", "countType", "sinceImagePushed",
                                "countUnit", "days", "countNumber", UNTAGGED_DAYS),
                        "action", Map.of("type", "expire")),
                Map.of("rulePriority", 2, "description", "keep the newest " + KEPT_IMAGES + " images",
                        "selection", Map.of("tagStatus", "any", "countType", "imageCountMoreThan",
                                "countNumber", KEPT_IMAGES),
                        "action", Map.of("type", "expire")))));
    }
}
