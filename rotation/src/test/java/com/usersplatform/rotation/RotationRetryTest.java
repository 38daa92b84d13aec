package com.usersplatform.rotation;

import static com.usersplatform.rotation.Faults.Operation.LOGIN;
import static com.usersplatform.rotation.Faults.Operation.PUT_PENDING;
import static com.usersplatform.rotation.Faults.Operation.SET_PASSWORDS;
import static com.usersplatform.rotation.Faults.Operation.UPDATE_STAGE;
import static com.usersplatform.rotation.Faults.When.AFTER;
import static com.usersplatform.rotation.Faults.When.BEFORE;
import static com.usersplatform.rotation.RotationStep.CREATE_SECRET;
import static com.usersplatform.rotation.RotationStep.FINISH_SECRET;
import static com.usersplatform.rotation.RotationStep.SET_SECRET;
import static com.usersplatform.rotation.RotationStep.TEST_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failure injected at each step, before or after the AWS call took effect, and the retries Secrets Manager makes:
 * of the failed step, or of the whole rotation with the same token. Either way the rotation ends correct.
 */
class RotationRetryTest extends RotationTestBase {

    static Stream<Arguments> faults() {
        return Stream.of(
                arguments(CREATE_SECRET, PUT_PENDING, BEFORE),
                arguments(CREATE_SECRET, PUT_PENDING, AFTER),
                arguments(SET_SECRET, SET_PASSWORDS, BEFORE),
                // ModifyUser accepted, then the function died: the user is still modifying when the retry comes.
                arguments(SET_SECRET, SET_PASSWORDS, AFTER),
                // The function died while logging in.
                arguments(TEST_SECRET, LOGIN, BEFORE),
                arguments(FINISH_SECRET, UPDATE_STAGE, BEFORE),
                // Promoted to AWSCURRENT, died before the AWSPENDING label was cleared.
                arguments(FINISH_SECRET, UPDATE_STAGE, AFTER));
    }

    @ParameterizedTest(name = "{0}: failure {2} {1}")
    @MethodSource("faults")
    void retryingTheFailedStepConverges(RotationStep failing, Faults.Operation operation, Faults.When when) {
        String token = f.secrets.startRotation();
        List<RotationStep> failed = new ArrayList<>();
        for (RotationStep step : RotationStep.values()) {
            if (step == failing) {
                f.faults.failOnce(operation, when);
            }
            try {
                f.step(token, step);
            } catch (Faults.InjectedFault e) {
                failed.add(step);
                f.step(token, step);
            }
        }
        assertEquals(List.of(failing), failed);
        assertEquals(1, f.users.modifications(), "one ModifyUser per rotation, also when a step was retried");
        f.assertRotatedFrom(token, RotationFixture.SEED_VERSION, RotationFixture.SEED_PASSWORD, accessRules);
    }

    @ParameterizedTest(name = "{0}: failure {2} {1}")
    @MethodSource("faults")
    void restartingTheRotationWithTheSameTokenConverges(RotationStep failing, Faults.Operation operation,
                                                       Faults.When when) {
        String token = f.secrets.startRotation();
        List<RotationStep> failed = new ArrayList<>();
        boolean rotated = false;
        for (int attempt = 1; attempt <= 2 && !rotated; attempt++) {
            RotationStep running = null;
            try {
                for (RotationStep step : RotationStep.values()) {
                    running = step;
                    if (attempt == 1 && step == failing) {
                        f.faults.failOnce(operation, when);
                    }
                    f.step(token, step);
                }
                rotated = true;
            } catch (Faults.InjectedFault e) {
                failed.add(running);
            }
        }
        assertEquals(List.of(failing), failed);
        assertFalse(f.faults.pending());
        assertEquals(1, f.users.modifications(), "one ModifyUser per rotation, also when the rotation restarted");
        f.assertRotatedFrom(token, RotationFixture.SEED_VERSION, RotationFixture.SEED_PASSWORD, accessRules);
    }
}
