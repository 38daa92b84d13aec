package com.usersplatform.rotation.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.usersplatform.rotation.RotationConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outside Lambda (no AWS_REGION) the clients refuse to start with the reason, instead of guessing a region. */
class AwsClientsTest {

    @Test
    void withoutAwsRegionNoClientIsBuilt() {
        String region = System.getenv("AWS_REGION");
        assumeTrue(region == null || region.isBlank(), "AWS_REGION is set here");
        RotationConfig config = RotationConfig.fromEnvironment(Map.of("SECRET_ARN",
                "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x", "REDIS_HOST", "h"));
        assertEquals("AWS_REGION is not set (the Lambda runtime sets it)",
                assertThrows(IllegalStateException.class, () -> AwsClients.secretsManager(config)).getMessage());
        assertEquals("AWS_REGION is not set (the Lambda runtime sets it)",
                assertThrows(IllegalStateException.class, AwsClients::elastiCache).getMessage());
    }
}
