package com.usersplatform.rotation.aws;

import com.usersplatform.rotation.CacheUsers;
import com.usersplatform.rotation.RotationException;
import java.util.List;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.User;

/** {@link CacheUsers} on the ElastiCache API (SDK v2). */
public final class AwsCacheUsers implements CacheUsers {

    private final ElastiCacheClient client;

    public AwsCacheUsers(ElastiCacheClient client) {
        this.client = client;
    }

    @Override
    public String status(String userId) {
        List<User> users = client.describeUsers(b -> b.userId(userId)).users();
        if (users.isEmpty()) {
            throw new RotationException("ElastiCache user " + userId + " does not exist");
        }
        return users.getFirst().status();
    }

    /** ModifyUser with only UserId and Passwords: AccessString and everything else stay as they are. */
    @Override
    public void setPasswords(String userId, List<String> passwords) {
        client.modifyUser(b -> b.userId(userId).passwords(passwords));
    }
}
