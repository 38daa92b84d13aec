package com.usersplatform.users.redis;

/**
 * The Lua scripts that make each write atomic in Redis. Key layout (one hash slot via the {@code {users}} tag):
 * {@code {users}:user:<id>} hash (id, name, email, created_at, updated_at, email_key),
 * {@code {users}:email:<sha256(lower-cased email)>} string owner id (the uniqueness index),
 * {@code {users}:order} sorted set of ids scored by {@code {users}:seq} (stable creation order).
 * Scripts are idempotent for the same arguments, so a retry after a dropped connection is safe.
 */
final class UserScripts {
    /** KEYS: email index, user hash, order, seq. ARGV: id, name, email, timestamp. Returns -1 (taken) or the count. */
    static final String CREATE = """
            local owner = redis.call('GET', KEYS[1])
            if owner then
              if owner == ARGV[1] then return redis.call('ZCARD', KEYS[3]) end
              return -1
            end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[2], 'id', ARGV[1], 'name', ARGV[2], 'email', ARGV[3],
              'created_at', ARGV[4], 'updated_at', ARGV[4], 'email_key', KEYS[1])
            redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), ARGV[1])
            return redis.call('ZCARD', KEYS[3])
            """;

    /**
     * KEYS: user hash, new email index (the user hash again when the email is unchanged). ARGV: id, name or '',
     * email or '', timestamp. Returns 0 (no user), -1 (email taken) or the user's hash as a flat array.
     */
    static final String UPDATE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            if ARGV[3] ~= '' then
              local owner = redis.call('GET', KEYS[2])
              if owner and owner ~= ARGV[1] then return -1 end
              local old = redis.call('HGET', KEYS[1], 'email_key')
              if old and old ~= KEYS[2] and redis.call('GET', old) == ARGV[1] then redis.call('DEL', old) end
              redis.call('SET', KEYS[2], ARGV[1])
              redis.call('HSET', KEYS[1], 'email', ARGV[3], 'email_key', KEYS[2])
            end
            if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'name', ARGV[2]) end
            redis.call('HSET', KEYS[1], 'updated_at', ARGV[4])
            return redis.call('HGETALL', KEYS[1])
            """;

    /** KEYS: user hash, order. ARGV: id. Returns -1 (no user) or the remaining count. */
    static final String DELETE = """
            local emailKey = redis.call('HGET', KEYS[1], 'email_key')
            if not emailKey then return -1 end
            if redis.call('GET', emailKey) == ARGV[1] then redis.call('DEL', emailKey) end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return redis.call('ZCARD', KEYS[2])
            """;

    /**
     * KEYS: order. ARGV: first index, last index, user key prefix. Returns {total, hash, hash, ...} from one
     * consistent snapshot.
     */
    static final String LIST = """
            local result = {redis.call('ZCARD', KEYS[1])}
            for _, id in ipairs(redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2])) do
              result[#result + 1] = redis.call('HGETALL', ARGV[3] .. id)
            end
            return result
            """;

    private UserScripts() {
    }
}
