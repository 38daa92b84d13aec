package com.usersplatform.rotation;

import com.usersplatform.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ElastiCache's user API played by a real redis-server's ACL, following AWS's documented behaviour:
 * <ul>
 *   <li>ModifyUser refuses passwords that break {@link ElastiCachePasswords} (lengths, forbidden characters, more
 *       than two) with InvalidParameterValue, and a user that is not {@code active} with InvalidUserStateFault
 *       (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyUser.html, Errors);</li>
 *   <li>an accepted ModifyUser turns the user {@code modifying} and applies the passwords later, asynchronously
 *       ({@code ACL SETUSER <name> resetpass >p1 >p2}), then the user is {@code active} again. On AWS that takes
 *       minutes ("~4 minutes on average", hashicorp/terraform-provider-aws#20530); here {@code applyDelay} is that
 *       time scaled down.</li>
 * </ul>
 * The access rules are never touched. Only tests use it: no AWS runs here.
 */
final class RedisAclCacheUsers implements CacheUsers, AutoCloseable {

    private final RedisServer redis;
    private final String userId;
    private final String userName;
    private final Duration applyDelay;
    private final Faults faults;
    private final ScheduledExecutorService applier = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger modifications = new AtomicInteger();
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
        ElastiCachePasswords.violation(passwords).ifPresent(reason -> {
            throw new IllegalArgumentException("InvalidParameterValue: " + reason);
        });
        List<String> rules = new ArrayList<>(List.of("ACL", "SETUSER", userName, "resetpass"));
        passwords.forEach(p -> rules.add(">" + p));
        modifications.incrementAndGet();
        status = "modifying";
        applier.schedule(() -> {
            redis.command(rules.toArray(String[]::new));
            status = ACTIVE;
        }, applyDelay.toMillis(), TimeUnit.MILLISECONDS);
        faults.after(Faults.Operation.SET_PASSWORDS);
    }

    /**
     * DeleteUser: the user turns {@code deleting} ("Indicates the user status. Can be "active", "modifying" or
     * "deleting"", https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteUser.html) and
     * stays so for the rest of the test (on AWS it then disappears); ModifyUser is refused meanwhile.
     */
    void delete() {
        status = "deleting";
    }

    /** How many ModifyUser calls were accepted. */
    int modifications() {
        return modifications.get();
    }

    @Override
    public void close() {
        applier.shutdownNow();
    }

    private void checkId(String id) {
        if (!userId.equals(id)) {
            throw new IllegalArgumentException("UserNotFound: " + id);
        }
    }
}
