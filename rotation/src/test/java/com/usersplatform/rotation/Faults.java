package com.usersplatform.rotation;

import java.util.EnumSet;
import java.util.Set;

/**
 * One-shot failures injected into the fakes of the AWS APIs: the named operation fails once, either before it
 * takes effect (the request never reached AWS) or after (AWS applied it but the function died before the answer).
 */
final class Faults {

    enum Operation { PUT_PENDING, SET_PASSWORDS, UPDATE_STAGE, LOGIN }

    enum When { BEFORE, AFTER }

    /** The exception an injected fault throws. */
    static final class InjectedFault extends RuntimeException {
        InjectedFault(Operation operation, When when) {
            super("injected failure " + when.name().toLowerCase() + " " + operation);
        }
    }

    private final Set<Operation> failBefore = EnumSet.noneOf(Operation.class);
    private final Set<Operation> failAfter = EnumSet.noneOf(Operation.class);

    synchronized void failOnce(Operation operation, When when) {
        (when == When.BEFORE ? failBefore : failAfter).add(operation);
    }

    synchronized void before(Operation operation) {
        if (failBefore.remove(operation)) {
            throw new InjectedFault(operation, When.BEFORE);
        }
    }

    synchronized void after(Operation operation) {
        if (failAfter.remove(operation)) {
            throw new InjectedFault(operation, When.AFTER);
        }
    }

    synchronized boolean pending() {
        return !failBefore.isEmpty() || !failAfter.isEmpty();
    }
}
