package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every numeric and pattern rule at its edges: the last accepted value loads without a problem at its key, the
 * first refused one is reported at its key path with the rule. Without a rule column a case must be accepted.
 */
class StackBoundsTest {

    private static final String P = "users-platform:";

    @TempDir
    Path dir;

    /** The problems of the stack file made of {@code lines}; empty when it loads. */
    private List<String> problems(String... lines) {
        try {
            StackConfigLoader.loadFile(write(dir, "bounds", lines));
            return List.of();
        } catch (StackConfigException e) {
            return e.problems();
        }
    }

    private static List<String> at(List<String> problems, String path) {
        return problems.stream().filter(p -> p.startsWith(path + ": ")).toList();
    }

    /** Exactly one problem at {@code path} mentioning {@code rule}, or none at all when {@code rule} is null. */
    private static void assertRule(List<String> problems, String path, String rule) {
        List<String> atPath = at(problems, path);
        if (rule == null) {
            assertEquals(List.of(), atPath, () -> "accepted at " + path + "; all problems: " + problems);
        } else {
            assertEquals(1, atPath.size(), () -> "one problem at " + path + " in " + problems);
            assertTrue(atPath.getFirst().contains(rule), () -> "'" + rule + "' in " + atPath.getFirst());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            observability: {errorRateThresholdPercent: 0}        | observability.errorRateThresholdPercent | must be above 0 and at most 100, got 0.0
            observability: {errorRateThresholdPercent: 0.1}      | observability.errorRateThresholdPercent |
            observability: {errorRateThresholdPercent: 100}      | observability.errorRateThresholdPercent |
            observability: {errorRateThresholdPercent: 100.5}    | observability.errorRateThresholdPercent | must be above 0 and at most 100, got 100.5
            observability: {p99LatencyThresholdMs: 0}            | observability.p99LatencyThresholdMs     | must be between 1 and 60000, got 0
            observability: {p99LatencyThresholdMs: 1}            | observability.p99LatencyThresholdMs     |
            observability: {p99LatencyThresholdMs: 60000}        | observability.p99LatencyThresholdMs     |
            observability: {p99LatencyThresholdMs: 60001}        | observability.p99LatencyThresholdMs     | must be between 1 and 60000, got 60001
            observability: {slo: {availabilityPercent: 89.9}}    | observability.slo.availabilityPercent   | must be at least 90 and below 100
            observability: {slo: {availabilityPercent: 90}}      | observability.slo.availabilityPercent   |
            observability: {slo: {availabilityPercent: 99.99}}   | observability.slo.availabilityPercent   |
            observability: {slo: {availabilityPercent: 100}}     | observability.slo.availabilityPercent   | (100% leaves no error budget), got 100.0
            observability: {slo: {latencyPercent: 89.9}}         | observability.slo.latencyPercent        | must be at least 90 and below 100
            observability: {slo: {latencyPercent: 90}}           | observability.slo.latencyPercent        |
            observability: {slo: {latencyPercent: 100}}          | observability.slo.latencyPercent        | (100% leaves no error budget), got 100.0
            observability: {slo: {windowDays: 6}}                | observability.slo.windowDays            | must be between 7 and 90, got 6
            observability: {slo: {windowDays: 7}}                | observability.slo.windowDays            |
            observability: {slo: {windowDays: 90}}               | observability.slo.windowDays            |
            observability: {slo: {windowDays: 91}}               | observability.slo.windowDays            | must be between 7 and 90, got 91
            observability: {restartThreshold: 0}                 | observability.restartThreshold          | must be between 1 and 100, got 0
            observability: {restartThreshold: 100}               | observability.restartThreshold          |
            observability: {restartThreshold: 101}               | observability.restartThreshold          | must be between 1 and 100, got 101
            observability: {monitoringStack: false}              | observability.monitoringStack           |
            gateway: {rateLimitRps: 0}                           | gateway.rateLimitRps                    | must be between 1 and 100000, got 0
            gateway: {rateLimitRps: 100000, rateLimitBurst: 100000} | gateway.rateLimitRps                 |
            gateway: {rateLimitRps: 100001, rateLimitBurst: 100001} | gateway.rateLimitRps                 | must be between 1 and 100000, got 100001
            gateway: {rateLimitRps: 10, rateLimitBurst: 9}       | gateway.rateLimitBurst                  | burst (9) must be >= rateLimitRps (10)
            gateway: {rateLimitRps: 10, rateLimitBurst: 10}      | gateway.rateLimitBurst                  |
            gateway: {bodyLimitBytes: 0}                         | gateway.bodyLimitBytes                  | must be between 1 and 10485760, got 0
            gateway: {bodyLimitBytes: 10485760}                  | gateway.bodyLimitBytes                  |
            gateway: {bodyLimitBytes: 10485761}                  | gateway.bodyLimitBytes                  | must be between 1 and 10485760, got 10485761
            gateway: {upstreamConnectTimeoutMs: 0}               | gateway.upstreamConnectTimeoutMs        | must be between 1 and 60000, got 0
            gateway: {upstreamConnectTimeoutMs: 60000}           | gateway.upstreamConnectTimeoutMs        |
            gateway: {upstreamConnectTimeoutMs: 60001}           | gateway.upstreamConnectTimeoutMs        | must be between 1 and 60000, got 60001
            gateway: {upstreamReadTimeoutMs: 0}                  | gateway.upstreamReadTimeoutMs           | must be between 1 and 300000, got 0
            gateway: {upstreamReadTimeoutMs: 300000}             | gateway.upstreamReadTimeoutMs           |
            gateway: {upstreamReadTimeoutMs: 300001}             | gateway.upstreamReadTimeoutMs           | must be between 1 and 300000, got 300001
            ingress: {hostname: API.example.com}                 | ingress.hostname                        | must be a lower-case DNS name such as api.example.com, got 'API.example.com'
            ingress: {hostname: api.example.com}                 | ingress.hostname                        |
            ingress: {allowedSourceCidrs: []}                    | ingress.allowedSourceCidrs              | must admit at least one CIDR
            ingress: {allowedSourceCidrs: [203.0.113.0/24, 10.0.0.1/8]} | ingress.allowedSourceCidrs[1]    | must be an IPv4 CIDR block without host bits, such as 203.0.113.0/24, got '10.0.0.1/8'
            ingress: {certificateArn: "arn:aws:acm:us-east-1:1:certificate/x"} | ingress.certificateArn     | must be an ACM certificate ARN
            cache: {replicas: 5}                                 | cache.replicas                          |
            cache: {replicas: 6}                                 | cache.replicas                          | must be between 0 and 5, got 6
            cache: {snapshotRetentionDays: 35}                   | cache.snapshotRetentionDays             |
            cache: {snapshotRetentionDays: 36}                   | cache.snapshotRetentionDays             | must be between 0 and 35, got 36
            cache: {replicas: 1, automaticFailover: true}        | cache.automaticFailover                 |
            cache: {replicas: 1, automaticFailover: true, multiAz: true} | cache.multiAz                   |
            cache: {engineVersion: eight}                        | cache.engineVersion                     | must be major.minor such as 8.0, got 'eight'
            cache: {engine: valkey, engineVersion: "7.2"}        | cache.engineVersion                     |
            cache: {engine: valkey, engineVersion: "7.1"}        | cache.engineVersion                     | valkey must be 7.2 or newer, got 7.1
            cache: {engine: valkey, engineVersion: "6.9"}        | cache.engineVersion                     | valkey must be 7.2 or newer, got 6.9
            cache: {engine: redis, engineVersion: "6.0"}         | cache.engineVersion                     |
            cache: {engine: redis, engineVersion: "5.9"}         | cache.engineVersion                     | redis must be 6.0 or newer (RBAC users need it), got 5.9
            cache: {snapshotWindow: "03:30-04:29"}               | cache.snapshotWindow                    | must last at least 60 minutes, got 59
            cache: {snapshotWindow: "03:30-04:30"}               | cache.snapshotWindow                    |
            cache: {snapshotWindow: "23:30-00:30"}               | cache.snapshotWindow                    |
            cache: {snapshotWindow: "23:30-00:20"}               | cache.snapshotWindow                    | must last at least 60 minutes, got 50
            cache: {snapshotWindow: 3am}                         | cache.snapshotWindow                    | must be hh:mm-hh:mm in UTC, e.g. 03:00-04:00, got '3am'
            cache: {parameterOverrides: {Max_Memory: "1"}}       | cache.parameterOverrides.Max_Memory     | must be an engine parameter name
            cache: {parameterOverrides: {maxmemory-policy: " "}} | cache.parameterOverrides.maxmemory-policy | with a non-empty value
            cache: {parameterOverrides: {timeout: "300"}}        | cache.parameterOverrides.timeout        |
            cluster: {minNodes: 1, desiredNodes: 1}              | cluster.minNodes                        |
            cluster: {minNodes: 3, desiredNodes: 3, maxNodes: 3} | cluster.minNodes                        |
            cluster: {minNodes: 3, desiredNodes: 3, maxNodes: 3} | cluster.desiredNodes                    |
            cluster: {desiredNodes: 4}                           | cluster.desiredNodes                    |
            cluster: {desiredNodes: 5}                           | cluster.desiredNodes                    | must be between minNodes (2) and maxNodes (4), got 5
            cluster: {desiredNodes: 1}                           | cluster.desiredNodes                    | must be between minNodes (2) and maxNodes (4), got 1
            cluster: {maxNodes: 450}                             | cluster.maxNodes                        |
            cluster: {maxNodes: 451}                             | cluster.maxNodes                        | must be between 1 and 450, got 451
            cluster: {nodeDiskSizeGib: 19}                       | cluster.nodeDiskSizeGib                 | must be between 20 and 16384, got 19
            cluster: {nodeDiskSizeGib: 20}                       | cluster.nodeDiskSizeGib                 |
            cluster: {nodeDiskSizeGib: 16384}                    | cluster.nodeDiskSizeGib                 |
            cluster: {nodeDiskSizeGib: 16385}                    | cluster.nodeDiskSizeGib                 | must be between 20 and 16384, got 16385
            cluster: {adminPrincipalArns: ["arn:aws:iam::444455556666:role/admin", bob]} | cluster.adminPrincipalArns[1] | must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>), got 'bob'
            cluster: {adminPrincipalArns: ["arn:aws:iam::444455556666:role/admin"]} | cluster.adminPrincipalArns[0] |
            cluster: {nodeInstanceTypes: []}                     | cluster.nodeInstanceTypes               | must name at least one instance type
            cluster: {nodeInstanceTypes: [m7i.large, m7i.large]} | cluster.nodeInstanceTypes               | must not repeat an instance type
            cluster: {nodeInstanceTypes: [m7i.large, large]}     | cluster.nodeInstanceTypes[1]            | must be an EC2 instance type such as m7i.large, got 'large'
            cluster: {endpointPublicAccessCidrs: [203.0.113.0/24, 10.1.0.0/33]} | cluster.endpointPublicAccessCidrs[1] | must be an IPv4 CIDR block without host bits
            owner: "platform team!"                              | owner                                   | must be a valid AWS tag value
            owner: " "                                           | owner                                   | must not be empty (tagged on every resource)
            tags: {"aws:created-by": me}                         | tags.aws:created-by                     | the aws: prefix is reserved by AWS
            tags: {"AWS:x": me}                                  | tags.AWS:x                              | the aws: prefix is reserved by AWS
            tags: {"a!b": me}                                    | tags.a!b                                | tag keys are 1 to 128 letters
            tags: {team: "a!b"}                                  | tags.team                               | tag values are up to 256 letters
            network: {azCount: 2}                                | network.azCount                         |
            network: {azCount: 6}                                | network.azCount                         |
            network: {azCount: 7}                                | network.azCount                         | must be at most 6, got 7
            network: {cidr: 10.0.0.0/16}                         | network.cidr                            |
            network: {cidr: 10.0.0.0/28}                         | network.cidr                            |
            network: {cidr: 10.0.0.0/29}                         | network.cidr                            | prefix length must be /16 to /28 (AWS VPC limits), got /29
            network: {cidr: 192.168.0.0/16}                      | network.cidr                            |
            network: {cidr: 172.32.0.0/16}                       | network.cidr                            | must be a private range
            network: {privateSubnetPrefixLength: 16}             | network.privateSubnetPrefixLength       |
            network: {privateSubnetPrefixLength: 24}             | network.privateSubnetPrefixLength       |
            network: {privateSubnetPrefixLength: 25}             | network.privateSubnetPrefixLength       | must be between /16 (the VPC) and /24 (EKS nodes and pods take VPC addresses), got /25
            network: {publicSubnetPrefixLength: 16}              | network.publicSubnetPrefixLength        |
            network: {publicSubnetPrefixLength: 28}              | network.publicSubnetPrefixLength        |
            network: {cidr: 10.0.0.0/17, publicSubnetPrefixLength: 16} | network.publicSubnetPrefixLength  | must be between /17 (the VPC) and /28, got /16
            network: {azCount: 2, privateSubnetPrefixLength: 18, publicSubnetPrefixLength: 18} | network   |
            network: {azCount: 3, privateSubnetPrefixLength: 18, publicSubnetPrefixLength: 18} | network   | subnets do not fit the VPC: 3 AZs x (private /18 + public /18) need 98304 addresses, 10.0.0.0/16 has 65536
            secrets: {rotationWindowHours: 0}                    | secrets.rotationWindowHours             | must be between 1 and 24, got 0
            secrets: {rotationSchedule: "rate(1 day)", rotationWindowHours: 24} | secrets.rotationWindowHours |
            secrets: {rotationSchedule: "rate(6 hours)", rotationWindowHours: 6} | secrets.rotationWindowHours |
            secrets: {rotationSchedule: "cron(0 22 ? * SUN *)", rotationWindowHours: 2} | secrets.rotationWindowHours |
            secrets: {rotationSchedule: "cron(0 22 ? * SUN *)", rotationWindowHours: 3} | secrets.rotationWindowHours | window (3h) opening at 22:00 must close by midnight UTC
            secrets: {recoveryWindowDays: 0}                     | secrets.recoveryWindowDays              |
            secrets: {recoveryWindowDays: 6}                     | secrets.recoveryWindowDays              | must be 0 (delete at once) or 7 to 30, got 6
            secrets: {recoveryWindowDays: 7}                     | secrets.recoveryWindowDays              |
            secrets: {recoveryWindowDays: 30}                    | secrets.recoveryWindowDays              |
            secrets: {recoveryWindowDays: 31}                    | secrets.recoveryWindowDays              | must be 0 (delete at once) or 7 to 30, got 31
            workloads: {users: {autoscaling: {minReplicas: 1}}}  | workloads.users.autoscaling.minReplicas |
            workloads: {users: {autoscaling: {minReplicas: 4, maxReplicas: 4}}} | workloads.users.autoscaling.minReplicas |
            workloads: {users: {autoscaling: {maxReplicas: 100}}} | workloads.users.autoscaling.maxReplicas |
            workloads: {users: {autoscaling: {maxReplicas: 101}}} | workloads.users.autoscaling.maxReplicas | must be between 1 and 100, got 101
            workloads: {users: {autoscaling: {scaleDownStabilizationSeconds: 3600}}} | workloads.users.autoscaling.scaleDownStabilizationSeconds |
            workloads: {users: {autoscaling: {scaleDownStabilizationSeconds: 3601}}} | workloads.users.autoscaling.scaleDownStabilizationSeconds | must be between 0 and 3600, got 3601
            workloads: {users: {image: {repository: ghcr.io/Users}}} | workloads.users.image.repository    | must be an image repository without tag
            workloads: {users: {image: {repository: "registry:5000/team/users"}}} | workloads.users.image.repository |
            workloads: {users: {resources: {requests: {cpu: "0"}}}} | workloads.users.resources.requests.cpu | must be greater than 0
            workloads: {users: {resources: {requests: {cpu: "1"}, limits: {cpu: "0"}}}} | workloads.users.resources.limits.cpu | must be greater than 0
            """)
    void enforcesEachBoundAtItsEdge(String line, String key, String rule) {
        assertRule(problems(P + line), P + key, rule);
    }

    @ParameterizedTest(name = "production: {0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            observability: {monitoringStack: false}              | observability.monitoringStack           | must be true in production (alerts need it)
            secrets: {recoveryWindowDays: 0}                     | secrets.recoveryWindowDays              | must be at least 7 in production
            workloads: {users: {autoscaling: {minReplicas: 1}}}  | workloads.users.autoscaling.minReplicas | must be at least 2 in production (one replica may be evicted or restarting), got 1
            workloads: {users: {autoscaling: {minReplicas: 2}}}  | workloads.users.autoscaling.minReplicas |
            cache: {replicas: 1, automaticFailover: true, multiAz: true, snapshotRetentionDays: 1} | cache.snapshotRetentionDays |
            cache: {replicas: 1, automaticFailover: true, multiAz: true, snapshotRetentionDays: 1} | cache.multiAz |
            ingress: {certificateArn: "arn:aws:acm:us-east-1:444455556666:certificate/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"} | ingress.certificateArn |
            network: {natGateways: perAz}                        | network.natGateways                     |
            """)
    void enforcesTheProductionRules(String line, String key, String rule) {
        assertRule(problems(P + "production: true", P + line), P + key, rule);
    }

    @Test
    void countsAndLengthsAtTheirAwsLimits() {
        String cidrs40 = cidrs(40);
        assertRule(problems(P + "cluster: {endpointPublicAccessCidrs: [" + cidrs40 + "]}"),
                P + "cluster.endpointPublicAccessCidrs", null);
        assertRule(problems(P + "cluster: {endpointPublicAccessCidrs: [" + cidrs40 + ", 198.51.100.0/24]}"),
                P + "cluster.endpointPublicAccessCidrs", "at most 40 CIDRs (EKS limit)");

        assertRule(problems(P + "tags: {" + tags(47) + "}"), P + "tags", null);
        assertRule(problems(P + "tags: {" + tags(48) + "}"), P + "tags", "at most 47 tags, got 48");

        assertRule(problems(P + "owner: " + "o".repeat(256)), P + "owner", null);
        assertRule(problems(P + "owner: " + "o".repeat(257)), P + "owner", "must be a valid AWS tag value");
        String key128 = "k".repeat(128);
        assertRule(problems(P + "tags: {" + key128 + ": v}"), P + "tags." + key128, null);
        String key129 = "k".repeat(129);
        assertRule(problems(P + "tags: {" + key129 + ": v}"), P + "tags." + key129, "tag keys are 1 to 128");
        assertRule(problems(P + "tags: {team: " + "v".repeat(256) + "}"), P + "tags.team", null);
        assertRule(problems(P + "tags: {team: " + "v".repeat(257) + "}"), P + "tags.team", "tag values are up to 256");
    }

    private static String cidrs(int count) {
        return IntStream.range(0, count).mapToObj(i -> "203.0." + i + ".0/24").collect(Collectors.joining(", "));
    }

    private static String tags(int count) {
        return IntStream.range(0, count).mapToObj(i -> "t" + i + ": v").collect(Collectors.joining(", "));
    }
}
