package com.usersplatform.rotation;

import com.usersplatform.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * ElastiCache's user API played by a real redis-server's ACL: ModifyUser validates the passwords as ElastiCache
 * does, refuses a user that is not active, turns the user {@code modifying} and applies
 * {@code ACL SETUSER <name> resetpass >p1 >p2} a little later, asynchronously, like the real service. The access
 * rules are never touched. Only tests use it: no AWS runs here.
 */
final class RedisAclCacheUsers implements CacheUsers, AutoCloseable {

    private final RedisServer redis;
    private final String userId;
    private final String userName;
    private final Duration applyDelay;
    private final Faults faults;
    private final ScheduledExecutorService applier = Executors.newSingleThreadScheduledExecutor();
    private volatile String status = ACTIVE;

    RedisAclCacheUsers(RedisServer redis, String userId, String userName, Duration applyDelay, Faults faults) {
        this.redis = redis;
        this.userId = userId;
        this.userName = userName;
        this.applyDelay = applyDelay;
        this.faults = faults;
    }

    @Override
    public String status(String id) {
        checkId(id);
        return status;
    }

    @Override
    public synchronized void setPasswords(String id, List<String> passwords) {
        checkId(id);
        faults.before(Faults.Operation.SET_PASSWORDS);
        if (!ACTIVE.equals(status)) {
            throw new IllegalStateException("InvalidUserStateFault: user " + id + " is " + status);
        }
        if (passwords.isEmpty() || passwords.size() > 2) {
            throw new IllegalArgumentException("InvalidParameterValue: a user has one or two passwords");
        }
        passwords.forEach(RedisAclCacheUsers::checkElastiCacheRules);
        List<String> rules = new ArrayList<>(List.of("ACL", "SETUSER", userName, "resetpass"));
        passwords.forEach(p -> rules.add(">" + p));
        status = "modifying";
        applier.schedule(() -> {
            redis.command(rules.toArray(String[]::new));
            status = ACTIVE;
        }, applyDelay.toMillis(), TimeUnit.MILLISECONDS);
        faults.after(Faults.Operation.SET_PASSWORDS);
    }

    @Override
    public void close() {
        applier.shutdownNow();
    }

    private static void checkElastiCacheRules(String password) {
        boolean printable = password.chars().allMatch(c -> c > ' ' && c <= '~');
        if (password.length() < 16 || password.length() > 128 || !printable
                || password.chars().anyMatch(c -> "\"/@".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("InvalidParameterValue: password breaks ElastiCache's rules");
        }
    }

    private void checkId(String id) {
        if (!userId.equals(id)) {
            throw new IllegalArgumentException("UserNotFound: " + id);
        }
    }
}
