package com.usersplatform.infra.secrets;

import com.pulumi.core.Output;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The builder applies its documented defaults and refuses to build without a required field, naming it. */
class CredentialRotationArgsTest {

    /** Every required field, no optional one. */
    private static CredentialRotationArgsBuilder required() {
        return CredentialRotationArgs.builder().region("eu-west-1").functionName("users-platform-dev-redis-rotation")
                .artifactPath("../rotation/target/rotation-lambda.jar").secretArn(Output.of("arn:secret"))
                .kmsKeyArn(Output.of("arn:key")).userId("users-platform-dev-users-app").userArn(Output.of("arn:user"))
                .redisHost(Output.of("redis.internal")).redisSecurityGroupId(Output.of("sg-1"))
                .vpcId(Output.of("vpc-1")).subnetIds(Output.of(List.of("subnet-1"))).scheduleExpression("rate(30 days)")
                .rotationWindow("2h");
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        CredentialRotationArgs args = required().build();

        assertEquals(90, args.logRetentionDays());
        assertEquals(CredentialRotationArgs.DEFAULT_LOG_RETENTION_DAYS, args.logRetentionDays());
        assertEquals(List.of(), args.dependsOn());
        assertEquals("rate(30 days)", args.scheduleExpression());
        assertEquals("2h", args.rotationWindow());
    }

    @Test
    void buildNamesTheMissingRequiredField() {
        var noSchedule = assertThrows(NullPointerException.class, () -> required().scheduleExpression(null).build());
        assertEquals("scheduleExpression is required", noSchedule.getMessage());

        var noRedis = assertThrows(NullPointerException.class, () -> required().redisSecurityGroupId(null).build());
        assertEquals("redisSecurityGroupId is required", noRedis.getMessage());

        var nothing = assertThrows(NullPointerException.class, () -> CredentialRotationArgs.builder().build());
        assertEquals("region is required", nothing.getMessage());
    }
}
