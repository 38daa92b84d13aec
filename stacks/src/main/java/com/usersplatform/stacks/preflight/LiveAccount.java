package com.usersplatform.stacks.preflight;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code bin/preflight} asks the live AWS account and this machine: the questions mocks cannot answer. Every
 * method either answers or throws {@link Unavailable} (no credentials, no network, an unexpected error), which the
 * preflight reports as a problem of its own; "does not exist" is an answer ({@link Optional#empty()}), not an error.
 */
public interface LiveAccount {

    /** The ARN of the identity the AWS credentials resolve to ({@code sts get-caller-identity}). */
    String callerArn();

    /** The status of an ACM certificate in {@code region} ({@code ISSUED}, {@code PENDING_VALIDATION}, ...). */
    Optional<String> certificateStatus(String arn, String region);

    /** A Route 53 hosted zone: its name (without the trailing dot) and whether it is private. */
    Optional<HostedZone> hostedZone(String id);

    /** The API server endpoint of an EKS cluster, when the cluster exists. */
    Optional<String> clusterEndpoint(String name, String region);

    /** Whether {@code tag} was pushed to ECR repository {@code repository}; empty when the repository does not exist. */
    Optional<Boolean> imagePushed(String repository, String tag, String region);

    /**
     * Whether Secrets Manager secret {@code name} holds an {@code https://} URL as its current value; empty when the
     * secret does not exist. The value itself never leaves the implementation (it carries a webhook's token).
     */
    Optional<Boolean> secretHoldsHttpsUrl(String name, String region);

    /**
     * The account-level CloudWatch Logs resource policies of {@code region} (those not attached to one log group),
     * each policy's name with the length of its document ({@code logs describe-resource-policies}).
     */
    Map<String, Integer> logResourcePolicies(String region);

    /** This machine's public IPv4 address as the internet sees it. */
    String publicIp();

    /** Whether a TCP connection to {@code host:port} opens within a few seconds. */
    boolean reachable(String host, int port);

    /** The first line of {@code command --version}-style output, or empty when the command is not installed. */
    Optional<String> tool(String command);

    /** Whether the JVM running this is a JDK (has a compiler): Pulumi builds the program with Maven. */
    boolean jdk();

    /** A hosted zone as Route 53 describes it. */
    record HostedZone(String name, boolean privateZone) {
    }

    /** The question could not be answered; the message says why. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
