package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented validation rule rejects a stack file with the key path and the rule in the message. */
class StackRejectionTest {

    @TempDir
    Path dir;

    /** Asserts that exactly one problem is reported at {@code path} and that it mentions {@code rule}. */
    private static void assertProblem(List<String> problems, String path, String rule) {
        List<String> atPath = problems.stream().filter(p -> p.startsWith(path + ": ")).toList();
        assertEquals(1, atPath.size(), () -> "one problem at " + path + " in " + problems);
        assertTrue(atPath.getFirst().contains(rule), () -> "'" + rule + "' in " + atPath.getFirst());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            users-platform:network: big                                  | users-platform:network                      | expected a section (key: value pairs), got a string "big"
            users-platform:production: 'yes'                             | users-platform:production                   | expected true or false, got a string "yes"
            users-platform:network: {azCount: two}                       | users-platform:network.azCount              | expected a whole number, got a string "two"
            users-platform:cache: {multiAz: 'true'}                      | users-platform:cache.multiAz                | expected true or false, got a string "true"
            users-platform:workloads: {users: {autoscaling: {maxReplicas: 3.5}}} | users-platform:workloads.users.autoscaling.maxReplicas | expected a whole number, got a number 3.5
            users-platform:workloads: {gateway: {resources: {limits: {cpu: 1}}}} | users-platform:workloads.gateway.resources.limits.cpu | expected a string, got a number 1
            users-platform:workloads: {gateway: {image: [a, b]}}         | users-platform:workloads.gateway.image      | expected a section (key: value pairs), got a list
            users-platform:cluster: {nodeInstanceTypes: [m7i.large, 5]}  | users-platform:cluster.nodeInstanceTypes[1] | expected a string, got a number 5
            users-platform:cluster: {adminPrincipalArns: arn}            | users-platform:cluster.adminPrincipalArns   | expected a list, got a string "arn"
            users-platform:tags: {team: [a]}                             | users-platform:tags.team                    | expected a string, got a list
            users-platform:network: {natGateways: perAZ}                 | users-platform:network.natGateways          | must be one of single, perAz, got a string "perAZ"
            users-platform:ingress: {hostname: 42}                       | users-platform:ingress.hostname             | expected a string, got a number 42
            users-platform:workloads: {users: {image: {tag: }}}          | users-platform:workloads.users.image.tag    | expected a string, got nothing (null)
            aws:region: [eu-west-1]                                      | aws:region                                  | expected a string, got a list
            """)
    void rejectsAWrongTypeAtAnyLevel(String line, String path, String rule) {
        assertProblem(problems(write(dir, "wrongtype", line)), path, rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            users-platform:netwrok: {azCount: 2}                      | users-platform:netwrok                  | unknown key (known: production, owner
            users-platform:network: {azcount: 3}                      | users-platform:network.azcount          | unknown key (did you mean azCount?)
            users-platform:workloads: {users: {image: {tagg: '1.2'}}} | users-platform:workloads.users.image.tagg | unknown key (did you mean tag?)
            users-platform:workloads: {api: {}}                       | users-platform:workloads.api            | unknown key (known keys: gateway, users)
            multiAz: true                                             | multiAz                                 | config keys need a namespace, e.g. users-platform:multiAz
            """)
    void rejectsUnknownKeys(String line, String path, String rule) {
        assertProblem(problems(write(dir, "unknown", line)), path, rule);
    }

    @Test
    void rejectsUnknownKeysOfTheStackFileItself() {
        List<String> problems = problems(writeRaw("Pulumi.top.yaml", "confg:\n  aws:region: eu-west-1\n"));
        assertProblem(problems, "confg", "unknown key (a stack file holds");
    }

    @Test
    void rejectsSlosWithoutBudgetOrBetweenBuckets() {
        List<String> problems = problems(write(dir, "slo", "users-platform:observability: {slo: "
                + "{availabilityPercent: 100, latencyPercent: 80, latencyThresholdMs: 300, windowDays: 3}}"));
        String slo = "users-platform:observability.slo.";
        assertProblem(problems, slo + "availabilityPercent", "below 100 (100% leaves no error budget), got 100.0");
        assertProblem(problems, slo + "latencyPercent", "must be at least 90");
        assertProblem(problems, slo + "latencyThresholdMs", "must be one of the services' latency bucket bounds");
        assertProblem(problems, slo + "windowDays", "3");
    }

    @Test
    void rejectsMinAboveMaxForReplicasAndNodes() {
        List<String> problems = problems(write(dir, "minmax",
                "users-platform:workloads: {users: {autoscaling: {minReplicas: 5, maxReplicas: 3}}}",
                "users-platform:cluster: {minNodes: 4, desiredNodes: 4, maxNodes: 2}"));
        assertProblem(problems, "users-platform:workloads.users.autoscaling.minReplicas", "min (5) must be <= max (3)");
        assertProblem(problems, "users-platform:cluster.minNodes", "min (4) must be <= max (2)");
        assertProblem(problems, "users-platform:cluster.desiredNodes", "must be between minNodes (4) and maxNodes (2)");
    }

    @Test
    void rejectsNonPositiveCountsAndTargetsOutsideOneToHundred() {
        List<String> problems = problems(write(dir, "counts",
                "users-platform:workloads: {gateway: {autoscaling: {minReplicas: 0, cpuTargetPercent: 0, "
                        + "memoryTargetPercent: 101}}}",
                "users-platform:cluster: {minNodes: 0, desiredNodes: 0}",
                "users-platform:cache: {replicas: -1}"));
        String scaling = "users-platform:workloads.gateway.autoscaling";
        assertProblem(problems, scaling + ".minReplicas", "must be at least 1, got 0");
        assertProblem(problems, scaling + ".cpuTargetPercent", "must be between 1 and 100, got 0");
        assertProblem(problems, scaling + ".memoryTargetPercent", "must be between 1 and 100, got 101");
        assertProblem(problems, "users-platform:cluster.minNodes", "must be at least 1, got 0");
        assertProblem(problems, "users-platform:cache.replicas", "must be between 0 and 5, got -1");
    }

    @Test
    void rejectsLimitsBelowRequests() {
        List<String> problems = problems(write(dir, "limits",
                "users-platform:workloads: {gateway: {resources: {requests: {cpu: '1.5', memory: 1Gi}, "
                        + "limits: {cpu: 1500m, memory: 1000Mi}}}, users: {resources: {requests: {cpu: 500m, "
                        + "memory: 256Mi}, limits: {cpu: 250m, memory: 1G}}}}",
                // Room for 6 x 1.5 + 6 x 0.5 CPU at the HPA maxima (the capacity check is not under test here).
                "users-platform:cluster: {maxNodes: 10}"));
        String gateway = "users-platform:workloads.gateway.resources.limits";
        String users = "users-platform:workloads.users.resources.limits";
        assertProblem(problems, gateway + ".memory", "limit (1000Mi) must be >= request (1Gi)");
        assertProblem(problems, users + ".cpu", "limit (250m) must be >= request (500m)");
        assertEquals(2, problems.size(), problems::toString); // 1.5 == 1500m and 1G >= 256Mi are fine
    }

    @Test
    void rejectsAServiceMemoryLimitBelowWhatItsJvmNeeds() {
        List<String> problems = problems(write(dir, "jvm-memory",
                "users-platform:workloads: {gateway: {resources: {requests: {memory: 128Mi}, limits: {memory: 255Mi}}},"
                        + " users: {resources: {requests: {memory: 128Mi}, limits: {memory: 256Mi}}}}"));
        assertProblem(problems, "users-platform:workloads.gateway.resources.limits.memory",
                "must be at least 256Mi: the image's JVM has a fixed heap");
        assertTrue(problems.getFirst().endsWith("got '255Mi'"), problems::toString);
        assertEquals(1, problems.size(), problems::toString); // 256Mi, the floor itself, is fine
    }

    @Test
    void rejectsMalformedQuantities() {
        List<String> problems = problems(write(dir, "quantity",
                "users-platform:workloads: {users: {resources: {requests: {cpu: 250 m, memory: 512m}}},"
                        + " gateway: {resources: {limits: {memory: 768m}}}}"));
        assertProblem(problems, "users-platform:workloads.users.resources.requests.cpu",
                "must be a Kubernetes quantity such as 250m, 1, 512Mi or 1Gi, got '250 m'");
        assertProblem(problems, "users-platform:workloads.users.resources.requests.memory",
                "'m' means milli-bytes; use Mi or Gi");
        // One problem, the unit's: not also "at least 256Mi" for the 0.768 bytes it would mean.
        assertProblem(problems, "users-platform:workloads.gateway.resources.limits.memory",
                "'m' means milli-bytes; use Mi or Gi");
    }

    @ParameterizedTest(name = "tag {0}")
    @CsvSource(delimiter = '|', textBlock = """
            latest     | must not be latest
            LATEST     | must not be latest
            ''         | must not be empty
            '  '       | must not be empty
            v1:2       | must be a Docker tag
            """)
    void rejectsLatestEmptyOrMalformedImageTags(String tag, String rule) {
        List<String> problems = problems(write(dir, "tag",
                "users-platform:workloads: {gateway: {image: {tag: '" + tag + "'}}}"));
        assertProblem(problems, "users-platform:workloads.gateway.image.tag", rule);
    }

    /** Values that end up in image references and IAM trust conditions: nothing but the documented shapes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            workloads: {users: {image: {digest: 'sha256:abc'}}}                  | workloads.users.image.digest
            workloads: {users: {image: {digest: 'sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'}}} | workloads.users.image.digest
            workloads: {users: {image: {digest: 'SHA256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF'}}} | workloads.users.image.digest
            workloads: {users: {image: {digest: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg'}}} | workloads.users.image.digest
            delivery: {githubRepository: users-platform}                         | delivery.githubRepository
            delivery: {githubRepository: -owner/repo}                            | delivery.githubRepository
            delivery: {githubRepository: owner/repo/extra}                       | delivery.githubRepository
            delivery: {githubRepository: 'owner/re po'}                          | delivery.githubRepository
            delivery: {githubRepository: 'owner/repo:environment:prod'}          | delivery.githubRepository
            delivery: {githubRepository: owner/..}                               | delivery.githubRepository
            """)
    void rejectsMalformedDigestsAndRepositories(String section, String key) {
        List<String> problems = problems(write(dir, "identifier", "users-platform:" + section));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("users-platform:" + key + ": must be a "), problems::toString);
    }

    @Test
    void aDigestPinsTheImageReference() {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        StackConfig config = StackConfigLoader.loadFile(write(dir, "pinned",
                "users-platform:workloads: {gateway: {image: {repository: registry.example/gw, tag: sha-1, digest: '"
                        + digest + "'}}}"));
        assertEquals("registry.example/gw:sha-1@" + digest,
                config.workloads().gateway().image().reference("ecr.example/gateway"));
        assertEquals("ecr.example/users:1.0.0", config.workloads().users().image().reference("ecr.example/users"));
    }

    @Test
    void rejectsAnOidcProviderArnForAnotherIssuer() {
        assertProblem(problems(write(dir, "oidc", "users-platform:delivery: {githubOidcProviderArn: "
                        + "'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC'}")),
                "users-platform:delivery.githubOidcProviderArn", "must be the ARN of the IAM OIDC provider");
        StackConfig config = StackConfigLoader.loadFile(write(dir, "oidc-ok", "users-platform:delivery: "
                + "{githubRepository: my-org/my.repo_1, githubOidcProviderArn: "
                + "'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'}"));
        assertEquals("my-org/my.repo_1", config.delivery().githubRepository());
    }

    @Test
    void rejectsFewerThanTwoAvailabilityZones() {
        assertProblem(problems(write(dir, "az", "users-platform:network: {azCount: 1}")),
                "users-platform:network.azCount", "must be at least 2");
    }

    @Test
    void rejectsProductionWithoutMultiAzCacheOrSnapshots() {
        List<String> problems = problems(write(dir, "prod", "users-platform:production: true",
                "users-platform:cache: {replicas: 1, automaticFailover: true}"));
        assertProblem(problems, "users-platform:cache.multiAz", "must be true in production");
        assertProblem(problems, "users-platform:cache.snapshotRetentionDays", "must be at least 1 in production");
        // the other production safeguards come from values too
        assertProblem(problems, "users-platform:network.natGateways", "must be perAz in production");
        assertProblem(problems, "users-platform:ingress.certificateArn", "must be set in production");
    }

    @Test
    void rejectsMultiAzWithoutReplicasOrFailover() {
        assertEquals(List.of(
                        "users-platform:cache.multiAz: needs automaticFailover: true (AWS requires it for Multi-AZ)",
                        "users-platform:cache.multiAz: needs at least 1 replica in another AZ (cache.replicas is 0)"),
                problems(write(dir, "multiaz", "users-platform:cache: {multiAz: true}")));
        assertProblem(problems(write(dir, "failover", "users-platform:cache: {automaticFailover: true}")),
                "users-platform:cache.automaticFailover", "needs at least 1 replica to fail over to");
    }

    @Test
    void rejectsAWorldOpenApiEndpointInProductionOnly() {
        String open = "users-platform:cluster: {endpointPublicAccessCidrs: [0.0.0.0/0]}";
        assertProblem(problems(write(dir, "openprod", "users-platform:production: true", open)),
                "users-platform:cluster.endpointPublicAccessCidrs[0]", "not allowed in production");
        StackConfig dev = StackConfigLoader.loadFile(write(dir, "opendev", open));
        assertEquals(List.of("0.0.0.0/0"), dev.cluster().endpointPublicAccessCidrs());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {cidr: 10.0.0.0/18, azCount: 3}             | users-platform:network                           | subnets do not fit the VPC: 3 AZs x (private /19 + public /24) need 25344 addresses, 10.0.0.0/18 has 16384
            {cidr: 10.0.0.0/16, privateSubnetPrefixLength: 15} | users-platform:network.privateSubnetPrefixLength | must be between /16 (the VPC) and /24
            {cidr: 10.0.0.0/16, publicSubnetPrefixLength: 29}  | users-platform:network.publicSubnetPrefixLength  | must be between /16 (the VPC) and /28, got /29
            {cidr: 10.0.0.1/16}                         | users-platform:network.cidr                      | must be an IPv4 CIDR block without host bits
            {cidr: 10.0.0.0/33}                         | users-platform:network.cidr                      | must be an IPv4 CIDR block without host bits
            {cidr: 256.0.0.0/16}                        | users-platform:network.cidr                      | must be an IPv4 CIDR block without host bits
            {cidr: 10.0.0.0/12}                         | users-platform:network.cidr                      | prefix length must be /16 to /28
            {cidr: 8.8.0.0/16}                          | users-platform:network.cidr                      | must be a private range
            """)
    void rejectsCidrsAndSubnetLayoutsThatDoNotFit(String network, String path, String rule) {
        assertProblem(problems(write(dir, "net", "users-platform:network: " + network)), path, rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rate(2 hours)               | rotationSchedule    | rate in hours must be 4 to 23 hours
            rate(24 hours)              | rotationSchedule    | rate in hours must be 4 to 23 hours
            rate(0 days)                | rotationSchedule    | rate in days must be 1 to 999 days, got 0
            rate(1000 days)             | rotationSchedule    | rate in days must be 1 to 999 days, got 1000
            rate(30 weeks)              | rotationSchedule    | must be rate(N hours|days) or cron(0 H D M W *)
            cron(0 */2 * * ? *)         | rotationSchedule    | cron rotates every 2 hours; AWS allows at most every 4 hours
            cron(0 1,3 * * ? *)         | rotationSchedule    | cron rotates every 2 hours
            cron(0 22,0 * * ? *)        | rotationSchedule    | cron rotates every 2 hours
            cron(30 4 * * ? *)          | rotationSchedule    | cron minutes must be 0
            cron(0 4 * * ? 2027)        | rotationSchedule    | cron year must be *
            cron(0 4 * * *)             | rotationSchedule    | cron needs 6 fields
            cron(0 4 * * * *)           | rotationSchedule    | cron needs ? in exactly one of day-of-month and day-of-week
            cron(0 25 * * ? *)          | rotationSchedule    | outside 0-23
            """)
    void rejectsRotationSchedulesOutsideSecretsManagerBounds(String schedule, String key, String rule) {
        List<String> problems = problems(write(dir, "rotation",
                "users-platform:secrets: {rotationSchedule: '" + schedule + "'}"));
        assertProblem(problems, "users-platform:secrets." + key, rule);
    }

    @Test
    void rejectsARotationWindowThatReachesTheNextRotationOrDay() {
        assertProblem(problems(write(dir, "window1",
                        "users-platform:secrets: {rotationSchedule: 'rate(6 hours)', rotationWindowHours: 8}")),
                "users-platform:secrets.rotationWindowHours", "window (8h) must not reach the next rotation (6h apart)");
        assertProblem(problems(write(dir, "window2",
                        "users-platform:secrets: {rotationSchedule: 'cron(0 22 ? * SUN *)', rotationWindowHours: 4}")),
                "users-platform:secrets.rotationWindowHours", "window (4h) opening at 22:00 must close by midnight UTC");
    }

    @Test
    void acceptsRotationSchedulesWithinBounds() {
        for (String schedule : List.of("rate(4 hours)", "rate(1 day)", "rate(999 days)", "cron(0 4/8 * * ? *)",
                "cron(0 0 ? * SUN#1 *)", "cron(0 16 L * ? *)")) {
            StackConfig config = StackConfigLoader.loadFile(write(dir, "ok",
                    "users-platform:secrets: {rotationSchedule: '" + schedule + "', rotationWindowHours: 1}"));
            assertEquals(schedule, config.secrets().rotationSchedule());
        }
    }

    @Test
    void rejectsSecureValuesWhereNoSecretIsExpected() {
        List<String> problems = problems(write(dir, "secure",
                "users-platform:owner: {secure: AAABAKq0}",
                "users-platform:alerting: {chatWebhookSecretName: {secure: AAABAKq0}}"));
        assertProblem(problems, "users-platform:owner", "must not be a secret (secure:)");
        assertProblem(problems, "users-platform:alerting.chatWebhookSecretName", "must not be a secret (secure:)");
    }

    @Test
    void reportsEveryProblemAtOnceAcrossSections() {
        List<String> problems = problems(write(dir, "many",
                "aws:region: Europe",
                "users-platform:network: {azCount: 1, natGatways: single}",
                "users-platform:cluster: {kubernetesVersion: '1.33.2', nodeInstanceTypes: [m7i.large, m7g.large]}",
                "users-platform:cache: {engine: valkey, engineVersion: '7.0', nodeType: r7g.large}",
                "users-platform:ingress: {certificateArn: 'arn:aws:acm:us-west-2:1234:certificate/x'}",
                "users-platform:tags: {owner: me}"));
        assertProblem(problems, "aws:region", "must be an AWS region");
        assertProblem(problems, "users-platform:network.azCount", "must be at least 2");
        assertProblem(problems, "users-platform:network.natGatways", "did you mean natGateways?");
        assertProblem(problems, "users-platform:cluster.kubernetesVersion", "must be an EKS version major.minor");
        assertProblem(problems, "users-platform:cluster.nodeInstanceTypes", "mixes arm64 (Graviton) and x86_64");
        assertProblem(problems, "users-platform:cache.engineVersion", "valkey must be 7.2 or newer");
        assertProblem(problems, "users-platform:cache.nodeType", "must be an ElastiCache node type");
        assertProblem(problems, "users-platform:ingress.certificateArn", "must be an ACM certificate ARN");
        assertProblem(problems, "users-platform:tags.owner", "is set by the program");
        assertEquals(9, problems.size(), () -> String.join("\n", problems));
    }

    @Test
    void rejectsACertificateFromAnotherRegion() {
        assertProblem(problems(write(dir, "cert", "aws:region: eu-west-1",
                        "users-platform:ingress: {certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/"
                                + "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b'}")),
                "users-platform:ingress.certificateArn", "must be in the stack's region eu-west-1");
    }

    @Test
    void reportsMalformedYamlWithoutAStackTrace() {
        List<String> problems = problems(writeRaw("Pulumi.bad.yaml", "config:\n  users-platform:network: {cidr: [\n"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.getFirst().startsWith("(yaml): not valid YAML"), problems::toString);
    }

    @Test
    void rejectsAKeyGivenTwice() {
        List<String> problems = problems(writeRaw("Pulumi.twice.yaml",
                "config:\n  users-platform:network:\n    azCount: 3\n    azCount: 2\n"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.getFirst().contains("Duplicate field 'azCount'"), problems::toString);
    }

    private Path writeRaw(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
