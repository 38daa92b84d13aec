package com.usersplatform.rotation;

import java.util.Map;

/**
 * The event Secrets Manager sends to a rotation function.
 *
 * @param secretId  ARN or name of the secret ({@code SecretId})
 * @param token     id of the version being rotated in ({@code ClientRequestToken})
 * @param step      which of the four steps to run ({@code Step})
 */
public record RotationEvent(String secretId, String token, RotationStep step) {

    private static final int MAX_ECHOED = 160;

    /** Reads and validates the raw Lambda event; the message names the offending field. */
    public static RotationEvent parse(Map<String, ?> event) {
        if (event == null) {
            throw new IllegalArgumentException("rotation event is empty");
        }
        String stepName = required(event, "Step");
        RotationStep step = RotationStep.fromEventName(stepName).orElseThrow(() -> new IllegalArgumentException(
                "Step must be createSecret, setSecret, testSecret or finishSecret, got '" + clip(stepName) + "'"));
        return new RotationEvent(required(event, "SecretId"), required(event, "ClientRequestToken"), step);
    }

    /** Identifiers for log lines (none of them is secret). */
    public Map<String, String> logFields() {
        return Map.of("secret_id", secretId, "version_id", token, "step", step.eventName());
    }

    private static String required(Map<String, ?> event, String field) {
        if (!(event.get(field) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("rotation event field " + field + " must be a non-empty string");
        }
        return value;
    }

    /** An untrusted value shortened for an error message (log lines escape it as JSON). */
    static String clip(String untrusted) {
        return untrusted.length() <= MAX_ECHOED ? untrusted : untrusted.substring(0, MAX_ECHOED) + "...";
    }
}
