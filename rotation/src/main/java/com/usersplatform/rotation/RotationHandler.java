package com.usersplatform.rotation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.usersplatform.rotation.aws.AwsCacheUsers;
import com.usersplatform.rotation.aws.AwsClients;
import com.usersplatform.rotation.aws.AwsSecretStore;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * The Lambda entry point Secrets Manager invokes with {@code {"SecretId", "ClientRequestToken", "Step"}}:
 * {@code com.usersplatform.rotation.RotationHandler::handleRequest}, runtime java21. A failed step throws, so
 * Secrets Manager sees the invocation fail and retries it.
 */
public final class RotationHandler implements RequestHandler<Map<String, Object>, Void> {

    private final SecretRotation rotation;
    private final JsonLog log;

    /** Called once per Lambda container: reads the environment and builds the AWS clients, reused across calls. */
    public RotationHandler() {
        this(new JsonLog(System.out, Clock.systemUTC()), RotationConfig.fromEnvironment(System.getenv()));
    }

    private RotationHandler(JsonLog log, RotationConfig config) {
        this(new SecretRotation(
                new AwsSecretStore(AwsClients.secretsManager(config)),
                new AwsCacheUsers(AwsClients.elastiCache()),
                RedisCredentialCheck.overTls(config.redisHost(), config.redisPort(),
                        (SSLSocketFactory) SSLSocketFactory.getDefault(), config.redisTimeout()),
                new PasswordGenerator(config.passwordLength(), config.excludeCharacters()),
                config.settings(), log), log);
    }

    /** A handler around any rotation wiring (tests pass fakes of the two AWS APIs). */
    public RotationHandler(SecretRotation rotation, JsonLog log) {
        this.rotation = rotation;
        this.log = log;
    }

    @Override
    public Void handleRequest(Map<String, Object> input, Context context) {
        RotationEvent event;
        try {
            event = RotationEvent.parse(input);
        } catch (IllegalArgumentException e) {
            log.error("invalid rotation event", e);
            throw e;
        }
        try {
            rotation.run(event);
        } catch (RuntimeException e) {
            log.with(event.logFields()).error("rotation step failed", e);
            throw e;
        }
        return null;
    }
}
