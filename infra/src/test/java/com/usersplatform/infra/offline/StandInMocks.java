package com.usersplatform.infra.offline;

import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Pulumi mocks that stand in for the cloud: every registered resource is recorded, and the outputs the program reads
 * (cluster endpoint/CA/name, ARNs, ids, Redis endpoint, OIDC issuer, invoke results) get stable, fake values derived
 * only from logical names, so two runs produce identical results.
 */
public final class StandInMocks implements Mocks {

    /** Stand-in AWS account id (AWS's documentation account). */
    public static final String ACCOUNT_ID = "123456789012";
    private final String region;
    private final List<RecordedResource> recorded = Collections.synchronizedList(new ArrayList<>());

    /** @param region the stack's region: stand-in ARNs, endpoints and AZ names are shaped for it */
    public StandInMocks(String region) {
        this.region = region;
    }

    /** Every resource registered so far, in registration order. */
    public List<RecordedResource> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        recorded.add(new RecordedResource(args.type, args.name, args.inputs, args.provider == null ? "" : args.provider));
        Map<String, Object> state = new LinkedHashMap<>(args.inputs);
        state.putAll(computedOutputs(args.type, args.name, args.inputs));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id(args.type, args.name)), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> result = switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "accountId", ACCOUNT_ID, "arn", "arn:aws:iam::" + ACCOUNT_ID + ":user/stand-in",
                    "userId", "AIDASTANDIN", "id", ACCOUNT_ID);
            case "aws:index/getRegion:getRegion" -> Map.of("name", region, "region", region, "id", region);
            case "aws:index/getPartition:getPartition" -> Map.of("partition", "aws", "dnsSuffix", "amazonaws.com", "id", "aws");
            // ALBs of a region share one Route 53 zone id (https://docs.aws.amazon.com/general/latest/gr/elb.html).
            case "aws:elb/getHostedZoneId:getHostedZoneId" -> Map.of("id", "ZSTANDINALB" + region.replace("-", "").toUpperCase());
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> Map.of(
                    "names", List.of(region + "a", region + "b", region + "c"),
                    "zoneIds", List.of("az1", "az2", "az3"), "id", region);
            default -> Map.of();
        };
        return CompletableFuture.completedFuture(result);
    }

    /** Outputs the cloud would compute, keyed by output property name. */
    private Map<String, Object> computedOutputs(String type, String name, Map<String, Object> inputs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("arn", arn(type, name, inputs));
        switch (type) {
            case "aws:eks/cluster:Cluster" -> {
                String clusterName = (String) inputs.getOrDefault("name", name);
                out.put("name", clusterName);
                out.put("endpoint", "https://" + clusterName + ".gr7." + region + ".eks.amazonaws.com");
                out.put("certificateAuthority", Map.of("data",
                        Base64.getEncoder().encodeToString(("stand-in CA of " + clusterName).getBytes(StandardCharsets.UTF_8))));
                out.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer",
                        "https://oidc.eks." + region + ".amazonaws.com/id/STANDIN" + clusterName.toUpperCase())))));
                Map<String, Object> vpcConfig = new LinkedHashMap<>(asMap(inputs.get("vpcConfig")));
                vpcConfig.put("clusterSecurityGroupId", "sg-" + clusterName + "-cluster");
                out.put("vpcConfig", vpcConfig);
            }
            case "aws:elasticache/replicationGroup:ReplicationGroup" -> {
                String id = (String) inputs.getOrDefault("replicationGroupId", name);
                out.put("primaryEndpointAddress", "master." + id + ".standin.cache.amazonaws.com");
                out.put("readerEndpointAddress", "replica." + id + ".standin.cache.amazonaws.com");
            }
            case "random:index/randomPassword:RandomPassword" -> out.put("result", "stand-in-password-" + name);
            case "aws:kms/key:Key" -> out.put("keyId", name + "-key-id");
            case "aws:acm/certificate:Certificate" -> out.put("domainValidationOptions", List.of(Map.of(
                    "domainName", inputs.get("domainName"),
                    "resourceRecordName", "_standin." + inputs.get("domainName") + ".",
                    "resourceRecordType", "CNAME",
                    "resourceRecordValue", "_standin.acm-validations.aws.")));
            case "aws:route53/record:Record" -> out.put("fqdn", inputs.get("name"));
            // The hostname the AWS Load Balancer Controller writes into the Ingress status once the ALB exists.
            case "kubernetes:networking.k8s.io/v1:Ingress" -> out.put("status", Map.of("loadBalancer", Map.of("ingress",
                    List.of(Map.of("hostname", "k8s-standin-" + name + "." + region + ".elb.amazonaws.com")))));
            case "aws:ecr/repository:Repository" -> out.put("repositoryUrl",
                    ACCOUNT_ID + ".dkr.ecr." + region + ".amazonaws.com/" + inputs.getOrDefault("name", name));
            case "aws:ec2/securityGroup:SecurityGroup" -> out.put("id", "sg-" + name);
            default -> {
                if (!inputs.containsKey("name")) {
                    out.put("name", name);
                }
            }
        }
        return out;
    }

    /**
     * A stand-in id; a subnet's starts like EC2's ({@code subnet-}), which Karpenter's EC2NodeClass CRD requires of
     * its subnet selectors (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html), and keeps the
     * logical name so tests can tell private from public subnets.
     */
    private static String id(String type, String name) {
        return type.equals("aws:ec2/subnet:Subnet")
                ? "subnet-" + name : name + "-id";
    }

    /** A stand-in ARN shaped like the real one for the types whose ARNs the program writes into policies. */
    private String arn(String type, String name, Map<String, Object> inputs) {
        String prefix = "arn:aws:";
        String regional = region + ":" + ACCOUNT_ID;
        return switch (type) {
            case "aws:iam/role:Role" -> prefix + "iam::" + ACCOUNT_ID + ":role/" + name;
            // arn:aws:iam::<account>:oidc-provider/<URL without scheme>: IAM names the provider by its URL
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> prefix + "iam::" + ACCOUNT_ID
                    + ":oidc-provider/" + String.valueOf(inputs.getOrDefault("url", name)).replaceFirst("^https://", "");
            case "aws:kms/key:Key" -> prefix + "kms:" + regional + ":key/" + name + "-key-id";
            case "aws:secretsmanager/secret:Secret" -> prefix + "secretsmanager:" + regional + ":secret:" + name + "-AbCdEf";
            case "aws:elasticache/user:User" -> prefix + "elasticache:" + regional + ":user:" + inputs.getOrDefault("userId", name);
            case "aws:cloudwatch/logGroup:LogGroup" -> prefix + "logs:" + regional + ":log-group:" + inputs.getOrDefault("name", name);
            case "aws:lambda/function:Function" -> prefix + "lambda:" + regional + ":function:" + name;
            case "aws:sns/topic:Topic" -> prefix + "sns:" + regional + ":" + inputs.getOrDefault("name", name);
            // arn:aws:sqs:<region>:<account>:<queue name> (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html)
            case "aws:sqs/queue:Queue" -> prefix + "sqs:" + regional + ":" + inputs.getOrDefault("name", name);
            case "aws:eks/cluster:Cluster" -> prefix + "eks:" + regional + ":cluster/" + inputs.getOrDefault("name", name);
            default -> {
                // aws:<module>/<resource>:<Type> -> arn:aws:<module>:<region>:<account>:<resource>/<name>
                String[] parts = type.split("[:/]");
                yield parts.length == 4
                        ? prefix + parts[1] + ":" + regional + ":" + parts[2].toLowerCase() + "/" + name
                        : "urn:stand-in:" + type + ":" + name;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
