package com.usersplatform.stacks;

/**
 * The two services' workloads.
 *
 * @param gateway the API gateway (public entry point, port 3000)
 * @param users the users service (Redis-backed CRUD, port 3001)
 */
public record WorkloadsConfig(WorkloadConfig gateway, WorkloadConfig users) {

    /** Defaults: see {@link WorkloadConfig#GATEWAY_DEFAULTS} and {@link WorkloadConfig#USERS_DEFAULTS}. */
    public static final WorkloadsConfig DEFAULTS =
            new WorkloadsConfig(WorkloadConfig.GATEWAY_DEFAULTS, WorkloadConfig.USERS_DEFAULTS);
}
