package com.usersplatform.infra.secrets;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Objects;

/**
 * Inputs of {@link CredentialRotation}; build them with {@link #builder()}, which applies the defaults below and names
 * the first required field left unset.
 *
 * @param region                {@code String}, required: the stack's region (scopes KMS use to Secrets Manager there)
 * @param functionName          {@code String}, required: Lambda function name (also its log group's name)
 * @param artifactPath          {@code String}, required: the rotation function's jar
 *                              ({@code rotation/target/rotation-lambda.jar}); only read when Pulumi uploads it
 * @param secretArn             {@code Output<String>}, required: the secret to rotate (the only one the function may touch)
 * @param kmsKeyArn             {@code Output<String>}, required: the key that encrypts the secret
 * @param userId                {@code String}, required: the ElastiCache user whose password rotates
 * @param userArn               {@code Output<String>}, required: that user's ARN
 * @param redisHost             {@code Output<String>}, required: primary endpoint (testSecret logs in there)
 * @param redisSecurityGroupId  {@code Output<String>}, required: the cache's security group (6379 is opened from the
 *                              function's security group only)
 * @param vpcId                 {@code Output<String>}, required
 * @param subnetIds             {@code Output<List<String>>}, required: private subnets (egress to AWS APIs via NAT)
 * @param scheduleExpression    {@code String}, required: {@code rate(...)} or {@code cron(...)}
 * @param rotationWindow        {@code String}, required: e.g. {@code 2h}
 * @param logRetentionDays      {@code int}, default {@link #DEFAULT_LOG_RETENTION_DAYS}: retention of the function's
 *                              logs
 * @param dependsOn             {@code List<Resource>}, default empty: resources that must exist before the first
 *                              rotation (the seeded secret version, the cache with its user)
 */
public record CredentialRotationArgs(
        String region,
        String functionName,
        String artifactPath,
        Output<String> secretArn,
        Output<String> kmsKeyArn,
        String userId,
        Output<String> userArn,
        Output<String> redisHost,
        Output<String> redisSecurityGroupId,
        Output<String> vpcId,
        Output<List<String>> subnetIds,
        String scheduleExpression,
        String rotationWindow,
        int logRetentionDays,
        List<Resource> dependsOn) {

    /** Log retention when none is given: 90 days, the same as the control-plane logs. */
    public static final int DEFAULT_LOG_RETENTION_DAYS = 90;

    public CredentialRotationArgs {
        dependsOn = List.copyOf(dependsOn);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the fields one by one; {@link #build()} fails naming the first required field left unset. */
    public static final class Builder {
        private String region;
        private String functionName;
        private String artifactPath;
        private Output<String> secretArn;
        private Output<String> kmsKeyArn;
        private String userId;
        private Output<String> userArn;
        private Output<String> redisHost;
        private Output<String> redisSecurityGroupId;
        private Output<String> vpcId;
        private Output<List<String>> subnetIds;
        private String scheduleExpression;
        private String rotationWindow;
        private int logRetentionDays = DEFAULT_LOG_RETENTION_DAYS;
        private List<Resource> dependsOn = List.of();

        private Builder() {
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        /** The Lambda function's name and the jar it runs. */
        public Builder function(String name, String artifact) {
            functionName = name;
            artifactPath = artifact;
            return this;
        }

        /** The secret to rotate and the key that encrypts it. */
        public Builder secret(Output<String> arn, Output<String> keyArn) {
            secretArn = arn;
            kmsKeyArn = keyArn;
            return this;
        }

        /** The ElastiCache user whose password rotates, by id and ARN. */
        public Builder user(String id, Output<String> arn) {
            userId = id;
            userArn = arn;
            return this;
        }

        /** Where the function reaches Redis: the primary endpoint and the cache's security group. */
        public Builder redis(Output<String> host, Output<String> securityGroupId) {
            redisHost = host;
            redisSecurityGroupId = securityGroupId;
            return this;
        }

        /** The VPC and the private subnets the function runs in. */
        public Builder network(Output<String> vpc, Output<List<String>> privateSubnetIds) {
            vpcId = vpc;
            subnetIds = privateSubnetIds;
            return this;
        }

        /** When rotations run: a {@code rate(...)} or {@code cron(...)} expression and the window, e.g. {@code 2h}. */
        public Builder schedule(String expression, String window) {
            scheduleExpression = expression;
            rotationWindow = window;
            return this;
        }

        public Builder logRetentionDays(int value) {
            logRetentionDays = value;
            return this;
        }

        public Builder dependsOn(List<Resource> value) {
            dependsOn = value;
            return this;
        }

        /** @throws NullPointerException naming the first required field left unset (or a default set to null) */
        public CredentialRotationArgs build() {
            return new CredentialRotationArgs(required(region, "region"), required(functionName, "functionName"),
                    required(artifactPath, "artifactPath"), required(secretArn, "secretArn"),
                    required(kmsKeyArn, "kmsKeyArn"), required(userId, "userId"), required(userArn, "userArn"),
                    required(redisHost, "redisHost"), required(redisSecurityGroupId, "redisSecurityGroupId"),
                    required(vpcId, "vpcId"), required(subnetIds, "subnetIds"),
                    required(scheduleExpression, "scheduleExpression"), required(rotationWindow, "rotationWindow"),
                    logRetentionDays, required(dependsOn, "dependsOn"));
        }

        private static <T> T required(T value, String field) {
            return Objects.requireNonNull(value, () -> "CredentialRotationArgs." + field + " is required");
        }
    }
}
