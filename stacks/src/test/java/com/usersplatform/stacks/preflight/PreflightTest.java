package com.usersplatform.stacks.preflight;

import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.StackConfigLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every preflight check, passing and failing, against a fake account; one line per problem naming the key. */
class PreflightTest {

    private static final String REGION = "eu-west-1";
    private static final String CERT = "arn:aws:acm:eu-west-1:210987654321:certificate/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    private static final String ZONE = "Z0123456789ABCDEFGHIJ";
    private static final String ENDPOINT = "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com";

    @TempDir
    Path dir;
    FakeAccount live;

    @BeforeEach
    void readyAccount() {
        live = new FakeAccount();
        live.certificates.put(REGION + " " + CERT, "ISSUED");
        live.zones.put(ZONE, new LiveAccount.HostedZone("users.example.org", false));
        live.repositories.put(REGION + " users-platform-live/gateway", Set.of("1.2.3"));
        live.repositories.put(REGION + " users-platform-live/users", Set.of("1.2.3"));
    }

    private StackConfig stack(String... cluster) throws IOException {
        Path file = dir.resolve("Pulumi.live.yaml");
        Files.writeString(file, String.join("\n", "config:", "  aws:region: " + REGION,
                "  users-platform:cluster: {adminPrincipalArns: [\"arn:aws:iam::210987654321:role/ops/platform-admin\"]"
                        + (cluster.length > 0 ? ", " + cluster[0] : "") + "}",
                "  users-platform:ingress: {hostname: api.users.example.org, hostedZoneId: " + ZONE + ", certificateArn: "
                        + CERT + "}",
                "  users-platform:workloads: {gateway: {image: {tag: 1.2.3}}, users: {image: {tag: 1.2.3}}}", ""));
        return StackConfigLoader.loadFile(file);
    }

    private List<String> check(StackConfig stack) {
        return new Preflight(stack, live).check(true);
    }

    @Test
    void aReadyAccountPassesEveryCheck() throws IOException {
        assertEquals(List.of(), check(stack("endpointAccess: publicCidrs, endpointPublicAccessCidrs: [198.18.0.0/24]")));
        live.clusters.put(REGION + " users-platform-live", ENDPOINT);
        live.reachableHosts.add("ABCDEF.gr7.eu-west-1.eks.amazonaws.com");
        assertEquals(List.of(), check(stack("endpointAccess: private")));
        assertEquals(List.of(), check(stack("endpointAccess: publicIamOnly")));
    }

    @Test
    void missingToolsAndAJreAreNamed() throws IOException {
        live.tools.clear();
        live.jdk = false;
        assertEquals(List.of(
                "preflight: no pulumi on PATH: the Pulumi CLI (runs the deploy) is required",
                "preflight: no aws on PATH: the AWS CLI (the kubeconfig's token command) is required",
                "preflight: this Java is not a JDK: Pulumi compiles the program with Maven (JDK 21+)"),
                check(stack("endpointAccess: publicIamOnly")));
    }

    @Test
    void theCallerMustBeAClusterAdminOrTheDeployIdentity() throws IOException {
        live.caller = "arn:aws:sts::210987654321:assumed-role/someone-else/s";
        assertEquals(List.of("users-platform:cluster.adminPrincipalArns: the AWS credentials here are"
                        + " arn:aws:sts::210987654321:assumed-role/someone-else/s, which is none of the stack's cluster"
                        + " admins [arn:aws:iam::210987654321:role/ops/platform-admin]: `pulumi up` would create the"
                        + " cluster but no Kubernetes object in it"),
                check(stack("endpointAccess: publicIamOnly")));
        live.caller = "arn:aws:sts::210987654321:assumed-role/ci-deploy/run-42";
        assertEquals(List.of(), check(stack("endpointAccess: publicIamOnly, deployPrincipalArn: "
                + "\"arn:aws:iam::210987654321:role/ci-deploy\"")));
        live.caller = "arn:aws:sts::999999999999:assumed-role/ci-deploy/run-42";
        assertTrue(check(stack("endpointAccess: publicIamOnly, deployPrincipalArn: "
                + "\"arn:aws:iam::210987654321:role/ci-deploy\"")).getFirst()
                .startsWith("users-platform:cluster.deployPrincipalArn: the AWS credentials here are"));
    }

    @Test
    void theCertificateMustExistInTheRegionAndBeIssued() throws IOException {
        live.certificates.put(REGION + " " + CERT, "PENDING_VALIDATION");
        assertEquals(List.of("users-platform:ingress.certificateArn: certificate is PENDING_VALIDATION, not ISSUED"),
                check(stack("endpointAccess: publicIamOnly")));
        live.certificates.clear();
        assertEquals(List.of("users-platform:ingress.certificateArn: no certificate " + CERT + " in eu-west-1 (an ALB"
                + " uses only certificates of its own region)"), check(stack("endpointAccess: publicIamOnly")));
    }

    @Test
    void theHostedZoneMustExistBePublicAndHoldTheHostname() throws IOException {
        live.zones.put(ZONE, new LiveAccount.HostedZone("other.example.org", true));
        assertEquals(List.of(
                "users-platform:ingress.hostedZoneId: zone other.example.org is private: the internet cannot resolve the gateway",
                "users-platform:ingress.hostedZoneId: ingress.hostname api.users.example.org is not in zone other.example.org"),
                check(stack("endpointAccess: publicIamOnly")));
        live.zones.clear();
        assertEquals(List.of("users-platform:ingress.hostedZoneId: no Route 53 hosted zone " + ZONE + " in this account"),
                check(stack("endpointAccess: publicIamOnly")));
    }

    @Test
    void thisMachineMustReachTheChosenEndpointMode() throws IOException {
        assertEquals(List.of("users-platform:cluster.endpointAccess: private: the cluster does not exist yet, so this"
                        + " machine cannot be inside its VPC; deploy the first time with publicCidrs or publicIamOnly,"
                        + " then switch to private"), check(stack("endpointAccess: private")));
        assertEquals(List.of("users-platform:cluster.endpointPublicAccessCidrs: this machine's public address"
                        + " 198.18.0.7 is in none of [198.18.1.0/24]: it could not reach the API endpoint"),
                check(stack("endpointAccess: publicCidrs, endpointPublicAccessCidrs: [198.18.1.0/24]")));
        live.clusters.put(REGION + " users-platform-live", ENDPOINT);
        assertEquals(List.of("users-platform:cluster.endpointAccess: publicIamOnly: no connection to the cluster's API"
                + " endpoint ABCDEF.gr7.eu-west-1.eks.amazonaws.com:443 from this machine"),
                check(stack("endpointAccess: publicIamOnly")));
    }

    @Test
    void theStacksTagsMustHaveBeenPushed() throws IOException {
        live.repositories.put(REGION + " users-platform-live/gateway", Set.of("1.2.2"));
        live.repositories.remove(REGION + " users-platform-live/users");
        assertEquals(List.of(
                "users-platform:workloads.gateway.image.tag: 1.2.3 was never pushed to users-platform-live/gateway",
                "users-platform:workloads.users.image.tag: ECR repository users-platform-live/users does not exist yet:"
                        + " create the repositories and push the images first (docs/first-deploy.md)"),
                check(stack("endpointAccess: publicIamOnly")));
        assertEquals(List.of(), new Preflight(stack("endpointAccess: publicIamOnly"), live).check(false));
    }

    @Test
    void theChatWebhookSecretMustExistAndHoldAnHttpsUrl() throws IOException {
        Path file = dir.resolve("Pulumi.live.yaml");
        stack("endpointAccess: publicIamOnly");
        Files.writeString(file, Files.readString(file)
                + "  users-platform:alerting: {chatWebhookSecretName: users-platform/live/chat}\n");
        StackConfig withChat = StackConfigLoader.loadFile(file);
        assertEquals(List.of("users-platform:alerting.chatWebhookSecretName: no secret users-platform/live/chat in"
                + " eu-west-1: create it with the chat webhook URL as its value"), check(withChat));
        live.secrets.put(REGION + " users-platform/live/chat", "http://hooks.example.org/T/B/x");
        assertEquals(List.of("users-platform:alerting.chatWebhookSecretName: secret users-platform/live/chat does not"
                + " hold an https:// URL: the relay would refuse to post"), check(withChat));
        live.secrets.put(REGION + " users-platform/live/chat", "https://hooks.example.org/T/B/x");
        assertEquals(List.of(), check(withChat));
    }

    @Test
    void wafMustBeAbleToCreateOrExtendItsLogDeliveryPolicy() throws IOException {
        Map<String, Integer> policies = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            policies.put("other-" + i, 300);
        }
        live.logPolicies.put(REGION, policies);
        assertEquals(List.of("users-platform:waf.enabled: eu-west-1 already has 10 CloudWatch Logs resource policies,"
                + " the most an account may have, and none is AWSWAF-LOGS: WAF could not create the one its log needs;"
                + " delete a policy nothing uses"), check(stack("endpointAccess: publicIamOnly")));
        policies.remove("other-0");
        assertEquals(List.of(), check(stack("endpointAccess: publicIamOnly")), "room for one more");
        policies.put("AWSWAF-LOGS", 4921);
        assertEquals(List.of("users-platform:waf.enabled: the AWSWAF-LOGS resource policy in eu-west-1 has 4921 of"
                + " its 5120 characters: WAF may not fit this stack's log group in it; remove the log groups of"
                + " deleted web ACLs from it"), check(stack("endpointAccess: publicIamOnly")));
        policies.put("AWSWAF-LOGS", 4920);
        assertEquals(List.of(), check(stack("endpointAccess: publicIamOnly")),
                "10 policies, one of them WAF's with room for one more log group");
        live.unavailable.add("logs");
        assertEquals(List.of("users-platform:waf.enabled: cannot check: Unable to locate credentials"),
                check(stack("endpointAccess: publicIamOnly")));
    }

    @Test
    void withoutWafItsLogPolicyIsNotAsked() throws IOException {
        live.unavailable.add("logs");
        Path file = dir.resolve("Pulumi.live.yaml");
        stack("endpointAccess: publicIamOnly");
        Files.writeString(file, Files.readString(file) + "  users-platform:waf: {enabled: false}\n");
        assertEquals(List.of(), check(StackConfigLoader.loadFile(file)));
    }

    @Test
    void documentationValuesAndUnanswerableQuestionsAreProblems() throws IOException {
        live.unavailable.addAll(Set.of("caller", "ip"));
        assertEquals(List.of(
                "users-platform:cluster.endpointPublicAccessCidrs[0]: 203.0.113.0/24 is a documentation range (RFC 5737);"
                        + " no deploy machine has such an address; replace it before deploying",
                "users-platform:cluster.adminPrincipalArns: cannot check: Unable to locate credentials",
                "users-platform:cluster.endpointPublicAccessCidrs: cannot check: Unable to locate credentials"),
                check(stack("endpointAccess: publicCidrs, endpointPublicAccessCidrs: [203.0.113.0/24]")));
    }

    @Test
    void theCommandExitsNonZeroOnAnyProblemAndPrintsOneLineEach() throws IOException {
        stack("endpointAccess: publicIamOnly");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Preflight.run(new String[] {"live"}, dir, live, print(out), print(err)));
        assertEquals("preflight live: ok (eu-west-1)\n", out.toString(StandardCharsets.UTF_8));
        live.jdk = false;
        assertEquals(1, Preflight.run(new String[] {"live"}, dir, live, print(out), print(err)));
        assertEquals("preflight: this Java is not a JDK: Pulumi compiles the program with Maven (JDK 21+)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, Preflight.run(new String[] {}, dir, live, print(out), print(err)));
        assertEquals(2, Preflight.run(new String[] {"missing"}, dir, live, print(out), print(err)));
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
