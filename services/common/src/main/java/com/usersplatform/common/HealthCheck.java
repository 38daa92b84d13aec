package com.usersplatform.common;

/** A named dependency's health probe; must return within its own short timeout (health bounds it to 2 s anyway). */
@FunctionalInterface
public interface HealthCheck {
    /** Whether the dependency answers now; exceptions count as down. */
    boolean isUp() throws Exception;
}
