package com.usersplatform.rotation;

import java.util.Arrays;
import java.util.Optional;

/** The four steps Secrets Manager invokes, in order, with the names it sends as {@code Step}. */
public enum RotationStep {
    CREATE_SECRET("createSecret"),
    SET_SECRET("setSecret"),
    TEST_SECRET("testSecret"),
    FINISH_SECRET("finishSecret");

    private final String eventName;

    RotationStep(String eventName) {
        this.eventName = eventName;
    }

    /** The name in the rotation event, e.g. {@code createSecret}. */
    public String eventName() {
        return eventName;
    }

    /** The step with that event name, if it is one of the four. */
    public static Optional<RotationStep> fromEventName(String name) {
        return Arrays.stream(values()).filter(s -> s.eventName.equals(name)).findFirst();
    }
}
