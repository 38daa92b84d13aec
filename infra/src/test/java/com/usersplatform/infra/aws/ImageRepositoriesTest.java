package com.usersplatform.infra.aws;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static com.usersplatform.infra.aws.Plans.json;
import static com.usersplatform.infra.aws.Plans.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The images run from ECR repositories the program makes, where the nodes may pull. */
class ImageRepositoriesTest {

    private static final String REPOSITORY = "aws:ecr/repository:Repository";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void oneScannedImmutableKmsEncryptedRepositoryPerServiceWithALifecyclePolicy(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        List<RecordedResource> repositories = run.ofType(REPOSITORY);
        assertEquals(List.of("users-platform-" + stack + "/gateway", "users-platform-" + stack + "/users"),
                repositories.stream().map(r -> String.valueOf(r.input("name"))).sorted().toList());
        for (RecordedResource repository : repositories) {
            assertEquals("IMMUTABLE", repository.input("imageTagMutability"));
            assertEquals(true, repository.input("imageScanningConfiguration.scanOnPush"));
            Map<String, Object> encryption = map(Plans.list(repository.input("encryptionConfigurations")).getFirst());
            assertEquals("KMS", encryption.get("encryptionType"));
            assertEquals(Plans.keyArn(run), encryption.get("kmsKey"));

            RecordedResource policy = run.ofType("aws:ecr/lifecyclePolicy:LifecyclePolicy").stream()
                    .filter(p -> p.dependsOn().contains(repository.key())).findFirst().orElseThrow();
            JsonArray rules = json(policy.input("policy")).getAsJsonObject().getAsJsonArray("rules");
            JsonObject last = rules.get(rules.size() - 1).getAsJsonObject();
            // AWS: a rule with tagStatus "any" must have the highest rulePriority.
            assertEquals("any", last.getAsJsonObject("selection").get("tagStatus").getAsString());
            assertEquals(rules.size(), last.get("rulePriority").getAsInt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDeploymentsRunTheStacksTagFromThoseRepositoriesAndTheNodesMayPull(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        var config = Plans.config(stack);
        for (RecordedResource deployment : run.ofType("kubernetes:apps/v1:Deployment")) {
            String service = String.valueOf(deployment.input("metadata.name"));
            var image = service.equals("gateway") ? config.workloads().gateway().image() : config.workloads().users().image();
            Object container = Plans.list(deployment.input("spec.template.spec.containers")).getFirst();
            assertEquals("123456789012.dkr.ecr." + config.awsRegion() + ".amazonaws.com/users-platform-" + stack + "/"
                    + service + ":" + image.tag(), map(container).get("image"));
        }
        assertTrue(run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream().anyMatch(a ->
                String.valueOf(a.input("policyArn")).endsWith(":policy/AmazonEC2ContainerRegistryReadOnly")
                        && String.valueOf(a.input("role")).contains("eks-node")));
        assertEquals(Map.of("gateway", "123456789012.dkr.ecr." + config.awsRegion() + ".amazonaws.com/users-platform-"
                + stack + "/gateway", "users", "123456789012.dkr.ecr." + config.awsRegion()
                + ".amazonaws.com/users-platform-" + stack + "/users"), run.outputs().get("imageRepositories"));
    }
}
