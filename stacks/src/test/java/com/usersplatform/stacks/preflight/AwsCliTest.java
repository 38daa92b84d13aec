package com.usersplatform.stacks.preflight;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS CLI adapter against a stand-in {@code aws} executable that answers like the CLI v2: JSON on stdout and
 * exit 0, or "An error occurred (Code) when calling the Op operation: ..." on stderr and exit 254 (service error),
 * 253 (no credentials / bad configuration).
 */
class AwsCliTest {

    @TempDir
    Path dir;
    AwsCli cli;

    @BeforeEach
    void standInCli() throws IOException {
        Path aws = dir.resolve("aws");
        Files.writeString(aws, """
                #!/usr/bin/env bash
                fail() { echo >&2; echo "An error occurred ($1) when calling the $2 operation: $3" >&2; exit 254; }
                case "$1 $2" in
                  "sts get-caller-identity")
                    echo '{"UserId":"AROAEXAMPLE:s","Account":"210987654321","Arn":"arn:aws:sts::210987654321:assumed-role/ci/s"}' ;;
                  "acm describe-certificate")
                    [[ "$4" == *issued* ]] && echo '{"Certificate":{"CertificateArn":"'"$4"'","Status":"ISSUED"}}' && exit 0
                    fail ResourceNotFoundException DescribeCertificate "Could not find certificate $4." ;;
                  "route53 get-hosted-zone")
                    [[ "$4" == ZPUBLIC ]] && echo '{"HostedZone":{"Id":"/hostedzone/ZPUBLIC","Name":"example.org.","Config":{"PrivateZone":false}}}' && exit 0
                    [[ "$4" == ZDENIED ]] && fail AccessDenied GetHostedZone "User is not authorized"
                    fail NoSuchHostedZone GetHostedZone "No hosted zone found with ID: $4" ;;
                  "eks describe-cluster")
                    [[ "$4" == live ]] && echo '{"cluster":{"name":"live","endpoint":"https://ABC.gr7.eu-west-1.eks.amazonaws.com"}}' && exit 0
                    fail ResourceNotFoundException DescribeCluster "No cluster found for name: $4." ;;
                  "secretsmanager get-secret-value")
                    [[ "$4" == chat/https ]] && echo '{"Name":"chat/https","SecretString":"https://hooks.example.org/T/B/x\\n"}' && exit 0
                    [[ "$4" == chat/other ]] && echo '{"Name":"chat/other","SecretString":"{\\"url\\":1}"}' && exit 0
                    fail ResourceNotFoundException GetSecretValue "Secrets Manager can't find the specified secret." ;;
                  "ecr describe-images")
                    [[ "$4" == missing/* ]] && fail RepositoryNotFoundException DescribeImages "The repository does not exist"
                    [[ "$6" == imageTag=1.0.0 ]] && echo '{"imageDetails":[{"imageTags":["1.0.0"]}]}' && exit 0
                    fail ImageNotFoundException DescribeImages "The image requested does not exist" ;;
                  "logs describe-resource-policies")
                    echo '{"resourcePolicies":[{"policyName":"AWSWAF-LOGS","policyDocument":"{\\"Version\\":\\"2012-10-17\\"}"},'
                    echo '{"policyName":"one-group","policyDocument":"{}","policyScope":"RESOURCE"},'
                    echo '{"policyName":"route53","policyDocument":"{}","policyScope":"ACCOUNT"}]}' ;;
                  *) echo "Unable to locate credentials. You can configure credentials by running \\"aws configure\\"." >&2; exit 253 ;;
                esac
                """);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
        cli = new AwsCli(aws.toString());
    }

    @Test
    void answersFromTheCliJson() {
        assertEquals("arn:aws:sts::210987654321:assumed-role/ci/s", cli.callerArn());
        assertEquals(Optional.of("ISSUED"), cli.certificateStatus("arn:issued", "eu-west-1"));
        assertEquals(Optional.of(new LiveAccount.HostedZone("example.org", false)), cli.hostedZone("ZPUBLIC"));
        assertEquals(Optional.of("https://ABC.gr7.eu-west-1.eks.amazonaws.com"), cli.clusterEndpoint("live", "eu-west-1"));
        assertEquals(Optional.of(true), cli.imagePushed("users-platform-live/users", "1.0.0", "eu-west-1"));
        assertEquals(Optional.of(true), cli.secretHoldsHttpsUrl("chat/https", "eu-west-1"));
        assertEquals(Optional.of(false), cli.secretHoldsHttpsUrl("chat/other", "eu-west-1"));
        assertEquals(Optional.empty(), cli.secretHoldsHttpsUrl("chat/missing", "eu-west-1"));
        // Only account-level policies count against the region's 10; the length is the document's.
        assertEquals(Map.of("AWSWAF-LOGS", "{\"Version\":\"2012-10-17\"}".length(), "route53", 2),
                cli.logResourcePolicies("eu-west-1"));
    }

    @Test
    void notFoundIsAnAnswerAndOtherErrorsAreUnavailable() {
        assertEquals(Optional.empty(), cli.certificateStatus("arn:other", "eu-west-1"));
        assertEquals(Optional.empty(), cli.hostedZone("ZNONE"));
        assertEquals(Optional.empty(), cli.clusterEndpoint("none", "eu-west-1"));
        assertEquals(Optional.empty(), cli.imagePushed("missing/users", "1.0.0", "eu-west-1"));
        assertEquals(Optional.of(false), cli.imagePushed("users-platform-live/users", "9.9.9", "eu-west-1"));
        var denied = assertThrows(LiveAccount.Unavailable.class, () -> cli.hostedZone("ZDENIED"));
        assertTrue(denied.getMessage().contains("AccessDenied"), denied.getMessage());
        assertThrows(LiveAccount.Unavailable.class, () -> new AwsCli(dir.resolve("no-such-aws").toString()).callerArn());
    }

    @Test
    void toolsAreFoundOnThePathAndConnectionsAreTried() {
        assertTrue(cli.tool("bash").isPresent());
        assertFalse(cli.tool("no-such-command-here").isPresent());
        assertTrue(cli.jdk(), "the tests run on a JDK");
        assertFalse(cli.reachable("127.0.0.1", 1), "nothing listens on port 1");
    }
}
