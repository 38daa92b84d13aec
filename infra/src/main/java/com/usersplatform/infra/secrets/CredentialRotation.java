package com.usersplatform.infra.secrets;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionVpcConfigArgs;
import com.pulumi.aws.secretsmanager.SecretRotation;
import com.pulumi.aws.secretsmanager.SecretRotationArgs;
import com.pulumi.aws.secretsmanager.inputs.SecretRotationRotationRulesArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.cache.Cache;
import com.usersplatform.infra.lambda.JavaFunctions;
import com.usersplatform.infra.security.IamRole;
import com.usersplatform.infra.security.PolicyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AWS-driven rotation of the Redis app user's password: the rotation function (module {@code rotation}) as a Lambda
 * in the private subnets, its security group (egress only to Redis on 6379 and HTTPS to the AWS APIs), an IAM role
 * that may touch only the secret, the user and the key, the permission for Secrets Manager to invoke it (scoped to the
 * secret), and the rotation schedule.
 *
 * @see <a href="https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html">Rotation by Lambda</a>
 */
public final class CredentialRotation extends ComponentResource {

    /** Handler of the rotation function (module {@code rotation}). */
    public static final String HANDLER = "com.usersplatform.rotation.RotationHandler::handleRequest";

    /** How long one step waits for the ElastiCache user to be {@code active} (AWS's ElastiCache template: 600 s). */
    public static final int ACTIVE_WAIT_SECONDS = 600;
    /** How long testSecret keeps trying to log in with the new password. */
    public static final int TEST_LOGIN_SECONDS = 60;
    /**
     * The function's timeout, derived from the waits above plus a minute for the API calls: 720 s, the "at least
     * 12 minutes" the ElastiCache guide asks of an ElastiCache rotation function
     * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/User-Secrets-Manager.html); Lambda allows 900 s.
     */
    public static final int TIMEOUT_SECONDS = ACTIVE_WAIT_SECONDS + TEST_LOGIN_SECONDS + 60;

    /** ARN of the rotation function. */
    public final Output<String> functionArn;

    public CredentialRotation(String name, CredentialRotationArgs args, ComponentResourceOptions options) {
        super("users-platform:secrets:CredentialRotation", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // ---------------------------------------------------------------- Network

        var securityGroup = new SecurityGroup(name, SecurityGroupArgs.builder()
                .description("Rotation function " + args.functionName() + ": Redis and AWS APIs only, no ingress")
                .vpcId(args.vpcId())
                .build(), child);
        List<Resource> networkPath = new ArrayList<>();
        networkPath.add(new SecurityGroupEgressRule(name + "-to-redis", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .referencedSecurityGroupId(args.redisSecurityGroupId())
                .ipProtocol("tcp").fromPort(Cache.PORT).toPort(Cache.PORT)
                .description("testSecret logs in to Redis")
                .build(), child));
        networkPath.add(new SecurityGroupEgressRule(name + "-to-aws-apis", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .cidrIpv4("0.0.0.0/0")
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .description("HTTPS to the Secrets Manager and ElastiCache APIs through the NAT gateway")
                .build(), child));
        networkPath.add(new SecurityGroupIngressRule(name + "-redis-from-rotation", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(args.redisSecurityGroupId())
                .referencedSecurityGroupId(securityGroup.id())
                .ipProtocol("tcp").fromPort(Cache.PORT).toPort(Cache.PORT)
                .description("Redis from the rotation function")
                .build(), child));

        // ---------------------------------------------------------------- Permissions

        var logGroup = new LogGroup(name, LogGroupArgs.builder()
                .name("/aws/lambda/" + args.functionName())
                .retentionInDays(args.logRetentionDays())
                .build(), child);
        var role = new IamRole(name, List.of("lambda.amazonaws.com"), List.of(), List.of(), new PolicyDocument()
                .allow("RotateThisSecret", List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue",
                        "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"),
                        List.of(args.secretArn()))
                .allow("SetThisUsersPasswords", List.of("elasticache:DescribeUsers", "elasticache:ModifyUser"),
                        List.of(args.userArn()))
                .allow("UseTheSecretsKey", List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(args.kmsKeyArn()),
                        Map.of("StringEquals", Map.of("kms:ViaService",
                                "secretsmanager." + args.region() + ".amazonaws.com")))
                .allow("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of(logGroup.arn().applyValue(arn -> arn + ":*")))
                // Lambda attaches the function to the VPC through ENIs; these EC2 actions accept no narrower resource.
                .allow("VpcNetworkInterfaces", List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                        "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                        "ec2:UnassignPrivateIpAddresses"), List.of(Output.of("*"))), child);

        // ---------------------------------------------------------------- Function

        var function = new Function(name, JavaFunctions.args(args.functionName(),
                        "Secrets Manager rotation of the Redis app user's password", HANDLER, args.artifactPath(),
                        role.arn, TIMEOUT_SECONDS)
                .vpcConfig(FunctionVpcConfigArgs.builder()
                        .subnetIds(args.subnetIds())
                        .securityGroupIds(securityGroup.id().applyValue(List::of))
                        .build())
                .environment(FunctionEnvironmentArgs.builder()
                        .variables(Output.tuple(args.redisHost(), args.secretArn()).applyValue(t -> Map.of(
                                "REDIS_HOST", t.t1, "REDIS_PORT", String.valueOf(Cache.PORT),
                                "USER_ID", args.userId(), "SECRET_ARN", t.t2,
                                "USER_ACTIVE_TIMEOUT_SECONDS", String.valueOf(ACTIVE_WAIT_SECONDS),
                                "TEST_LOGIN_TIMEOUT_SECONDS", String.valueOf(TEST_LOGIN_SECONDS))))
                        .build())
                .build(), CustomResourceOptions.builder().parent(this)
                .dependsOn(JavaFunctions.prerequisites(role, logGroup)).build());
        var invokePermission = JavaFunctions.invokableBy(name, function, "secretsmanager.amazonaws.com", args.secretArn(), child);

        // ---------------------------------------------------------------- Schedule

        // Configuring rotation starts the first rotation at once: its function must already reach Redis and the APIs.
        List<Resource> rotationDependencies = new ArrayList<>(args.dependsOn());
        rotationDependencies.add(invokePermission);
        rotationDependencies.addAll(networkPath);
        new SecretRotation(name, SecretRotationArgs.builder()
                .secretId(args.secretArn())
                .rotationLambdaArn(function.arn())
                .rotationRules(SecretRotationRotationRulesArgs.builder()
                        .scheduleExpression(args.scheduleExpression())
                        .duration(args.rotationWindow())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(rotationDependencies).build());

        this.functionArn = function.arn();

        // ---------------------------------------------------------------- Outputs
        registerOutputs(Map.of("functionArn", functionArn));
    }
}
