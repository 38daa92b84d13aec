package com.usersplatform.rotation;

import java.util.List;

/** The two ElastiCache RBAC user operations rotation needs. Production: {@code aws.AwsCacheUsers}. */
public interface CacheUsers {

    /** ElastiCache's user status: {@value #ACTIVE}, {@code modifying}, {@code deleting}... (DescribeUsers). */
    String status(String userId);

    /**
     * Replaces the user's passwords with {@code passwords} (one or two) and leaves its access string untouched
     * (ModifyUser). ElastiCache refuses this while the user is not {@value #ACTIVE}; the user is
     * {@code modifying} for a while afterwards.
     */
    void setPasswords(String userId, List<String> passwords);

    /** The status in which a user's passwords are in force and it accepts modifications. */
    String ACTIVE = "active";
}
