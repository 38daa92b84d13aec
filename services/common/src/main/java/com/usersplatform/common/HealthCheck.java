package com.usersplatform.common;

/** A named dependency's health probe; must return within its own short timeout (health bounds it to 2 s anyway). */
@FunctionalInterface
public interface HealthCheck {
    /** Whether the dependency answers now; exceptions count as down. */
    boolean isUp() throws Exception;

    /** The word the health bodies show when this check is not up. */
    default String downStatus() {
        return "DOWN";
    }

    /** Whether a failure of this check takes the service out of readiness (advisory checks only report). */
    default boolean gatesReadiness() {
        return true;
    }

    /**
     * A check that only reports: when {@code check} is not up the bodies show {@code status} for it, and readiness
     * stays as the other checks make it. For a degraded state in which the service still serves (a dependency that
     * fails hard has its own gating check).
     */
    static HealthCheck advisory(String status, HealthCheck check) {
        return new HealthCheck() {
            @Override
            public boolean isUp() throws Exception {
                return check.isUp();
            }

            @Override
            public String downStatus() {
                return status;
            }

            @Override
            public boolean gatesReadiness() {
                return false;
            }
        };
    }
}
