package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationEventTest {

    private static final Map<String, Object> VALID = Map.of("SecretId", "arn:aws:secretsmanager:eu-west-1:1:secret:x",
            "ClientRequestToken", "8e5c4d3a-token", "Step", "setSecret");

    @Test
    void readsTheThreeFieldsSecretsManagerSends() {
        RotationEvent event = RotationEvent.parse(VALID);
        assertEquals("arn:aws:secretsmanager:eu-west-1:1:secret:x", event.secretId());
        assertEquals("8e5c4d3a-token", event.token());
        assertEquals(RotationStep.SET_SECRET, event.step());
    }

    @Test
    void namesTheMissingOrMistypedField() {
        assertEquals("rotation event field ClientRequestToken must be a non-empty string",
                assertThrows(IllegalArgumentException.class, () -> RotationEvent.parse(without("ClientRequestToken")))
                        .getMessage());
        Map<String, Object> numeric = new HashMap<>(VALID);
        numeric.put("SecretId", 42);
        assertEquals("rotation event field SecretId must be a non-empty string",
                assertThrows(IllegalArgumentException.class, () -> RotationEvent.parse(numeric)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RotationEvent.parse(null));
    }

    @Test
    void refusesAnUnknownStepAndClipsWhatItEchoes() {
        Map<String, Object> unknown = new HashMap<>(VALID);
        unknown.put("Step", "dropSecret" + "x".repeat(500));
        String message = assertThrows(IllegalArgumentException.class, () -> RotationEvent.parse(unknown))
                .getMessage();
        assertEquals("Step must be createSecret, setSecret, testSecret or finishSecret, got 'dropSecret"
                + "x".repeat(150) + "...'", message);
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> copy = new HashMap<>(VALID);
        copy.remove(field);
        return copy;
    }
}
