package com.usersplatform.infra.secrets;

import com.pulumi.core.Output;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The builder applies its documented defaults and refuses to build without a required field, naming it. */
class CredentialRotationArgsTest {

    /** Every required field, no optional one. */
    private static CredentialRotationArgs.Builder required() {
        return CredentialRotationArgs.builder().region("eu-west-1")
                .function("users-platform-dev-redis-rotation", "../rotation/target/rotation-lambda.jar")
                .secret(Output.of("arn:secret"), Output.of("arn:key")).user("users-platform-dev-users-app",
                        Output.of("arn:user")).redis(Output.of("redis.internal"), Output.of("sg-1"))
                .network(Output.of("vpc-1"), Output.of(List.of("subnet-1"))).schedule("rate(30 days)", "2h");
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
        var noSchedule = assertThrows(NullPointerException.class, () -> required().schedule(null, "2h").build());
        assertEquals("CredentialRotationArgs.scheduleExpression is required", noSchedule.getMessage());

        var noRedis = assertThrows(NullPointerException.class, () -> required().redis(Output.of("h"), null).build());
        assertEquals("CredentialRotationArgs.redisSecurityGroupId is required", noRedis.getMessage());

        var nothing = assertThrows(NullPointerException.class, () -> CredentialRotationArgs.builder().build());
        assertEquals("CredentialRotationArgs.region is required", nothing.getMessage());
    }
}
