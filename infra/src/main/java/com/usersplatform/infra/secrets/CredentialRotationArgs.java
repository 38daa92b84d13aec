package com.usersplatform.infra.secrets;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.args.ComponentArgs;
import io.soabase.recordbuilder.core.RecordBuilder;

import java.util.List;

/**
 * Inputs of {@link CredentialRotation}; build them with {@link #builder()}, which applies the defaults below and names
 * the first required field left unset ({@link ComponentArgs}).
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
@ComponentArgs
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
        @RecordBuilder.Initializer("DEFAULT_LOG_RETENTION_DAYS") int logRetentionDays,
        List<Resource> dependsOn) {

    /** Log retention when none is given: 90 days, the same as the control-plane logs. */
    public static final int DEFAULT_LOG_RETENTION_DAYS = 90;

    public CredentialRotationArgs {
        dependsOn = List.copyOf(dependsOn);
    }

    public static CredentialRotationArgsBuilder builder() {
        return CredentialRotationArgsBuilder.builder();
    }
}
