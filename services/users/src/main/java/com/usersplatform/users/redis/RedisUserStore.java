package com.usersplatform.users.redis;

import com.usersplatform.users.UsersConfig.RedisConfig;
import com.usersplatform.users.store.DuplicateEmailException;
import com.usersplatform.users.store.StoreUnavailableException;
import com.usersplatform.users.store.User;
import com.usersplatform.users.store.UserPage;
import com.usersplatform.users.store.UserStore;
import com.usersplatform.common.HttpMetrics;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link UserStore} on Redis: every write is one Lua script (see {@link UserScripts}), so email uniqueness holds
 * under any concurrency, and pages come from one consistent snapshot.
 */
public final class RedisUserStore implements UserStore, AutoCloseable {
    private static final String PREFIX = "{users}:";
    private static final String USER = PREFIX + "user:";
    private static final String EMAIL = PREFIX + "email:";
    private static final String ORDER = PREFIX + "order";
    private static final String SEQ = PREFIX + "seq";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final LuaScript CREATE = new LuaScript(UserScripts.CREATE);
    private static final LuaScript UPDATE = new LuaScript(UserScripts.UPDATE);
    private static final LuaScript DELETE = new LuaScript(UserScripts.DELETE);
    private static final LuaScript LIST = new LuaScript(UserScripts.LIST);

    private final ResilientRedis redis;

    private RedisUserStore(ResilientRedis redis) {
        this.redis = redis;
    }

    /**
     * Connects lazily (Redis may be down at start-up), registers the Redis metrics on {@code metrics} and traces
     * each operation with {@code tracer}.
     */
    public static RedisUserStore connect(RedisConfig config, HttpMetrics metrics, Tracer tracer) {
        RedisUserStore store = new RedisUserStore(ResilientRedis.connect(config, metrics, tracer));
        try {
            store.redis.metrics().users(store.redis.run("count", (jedis, retry) -> jedis.zcard(ORDER)));
        } catch (StoreUnavailableException e) {
            // users_total fills in with the first write or list
        }
        return store;
    }

    @Override
    public User create(String name, String email) {
        String id = UUID.randomUUID().toString();
        String now = now();
        long result = (Long) redis.run("create", (jedis, retry) -> CREATE.run(jedis,
                List.of(emailKey(email), USER + id, ORDER, SEQ), List.of(id, name, email, now)));
        if (result < 0) {
            throw new DuplicateEmailException();
        }
        redis.metrics().users(result);
        return new User(id, name, email, now, now);
    }

    @Override
    public Optional<User> find(String id) {
        Map<String, String> hash = redis.run("get", (jedis, retry) -> jedis.hgetAll(USER + id));
        return hash.isEmpty() ? Optional.empty() : Optional.of(toUser(hash));
    }

    @Override
    public UserPage list(long offset, int limit) {
        List<?> reply = (List<?>) redis.run("list", (jedis, retry) -> LIST.run(jedis, List.of(ORDER),
                List.of(Long.toString(offset), Long.toString(offset + limit - 1), USER)));
        long total = (Long) reply.getFirst();
        List<User> users = new ArrayList<>(reply.size() - 1);
        for (Object hash : reply.subList(1, reply.size())) {
            if (!((List<?>) hash).isEmpty()) {
                users.add(toUser(pairs((List<?>) hash)));
            }
        }
        redis.metrics().users(total);
        return new UserPage(users, total);
    }

    @Override
    public Optional<User> update(String id, String name, String email) {
        String userKey = USER + id;
        Object reply = redis.run("update", (jedis, retry) -> UPDATE.run(jedis,
                List.of(userKey, email == null ? userKey : emailKey(email)),
                List.of(id, name == null ? "" : name, email == null ? "" : email, now())));
        if (reply instanceof Long code) {
            if (code < 0) {
                throw new DuplicateEmailException();
            }
            return Optional.empty();
        }
        return Optional.of(toUser(pairs((List<?>) reply)));
    }

    @Override
    public boolean delete(String id) {
        return redis.run("delete", (jedis, retry) -> {
            long result = (Long) DELETE.run(jedis, List.of(USER + id, ORDER), List.of(id));
            if (result >= 0) {
                redis.metrics().users(result);
            }
            // after a dropped connection the first attempt may already have deleted it
            return result >= 0 || retry;
        });
    }

    @Override
    public boolean isReachable() {
        try {
            return "PONG".equals(redis.run("ping", (jedis, retry) -> jedis.ping()));
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    @Override
    public boolean credentialsFresh() {
        return redis.credentialsFresh();
    }

    @Override
    public void close() {
        redis.close();
    }

    /** Index key of an email: hashed, so user input never forms a key and addresses do not show in key names. */
    private static String emailKey(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
            return EMAIL + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static String now() {
        return TIMESTAMP.format(Instant.now());
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(text(flat.get(i)), text(flat.get(i + 1)));
        }
        return map;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static User toUser(Map<String, String> hash) {
        return new User(hash.get("id"), hash.get("name"), hash.get("email"), hash.get("created_at"),
                hash.get("updated_at"));
    }
}
