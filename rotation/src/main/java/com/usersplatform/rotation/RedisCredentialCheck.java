package com.usersplatform.rotation;

import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Logs in to Redis on a fresh connection ({@code AUTH username password}), then {@code PING}s. Over TLS the
 * server certificate must chain to the given trust and match the host name (ElastiCache's endpoints do).
 */
public final class RedisCredentialCheck implements CredentialCheck {

    private final HostAndPort address;
    private final SSLSocketFactory tls;
    private final int timeoutMillis;

    private RedisCredentialCheck(String host, int port, SSLSocketFactory tls, Duration timeout) {
        this.address = new HostAndPort(host, port);
        this.tls = tls;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** TLS with host name verification: how the function always talks to ElastiCache. */
    public static RedisCredentialCheck overTls(String host, int port, SSLSocketFactory trust, Duration timeout) {
        return new RedisCredentialCheck(host, port, trust, timeout);
    }

    /** Plain TCP, for a local Redis without TLS support. */
    public static RedisCredentialCheck plain(String host, int port, Duration timeout) {
        return new RedisCredentialCheck(host, port, null, timeout);
    }

    @Override
    public void verify(String username, String password) {
        // Jedis sends AUTH username password as it connects, before CLIENT SETNAME (needs a logged-in connection).
        try (Jedis jedis = new Jedis(address, clientConfig(username, password))) {
            String reply = jedis.ping();
            if (!"PONG".equals(reply)) {
                throw new RotationException("Redis at " + address + " answered PING with something else than PONG");
            }
        } catch (JedisException e) {
            // Jedis messages carry the server's error (WRONGPASS...) or the address, never the password.
            throw new RotationException("cannot log in to Redis at " + address + " as " + username + ": "
                    + e.getMessage(), e);
        }
    }

    private JedisClientConfig clientConfig(String username, String password) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .user(username)
                .password(password)
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("secret-rotation");
        if (tls != null) {
            SSLParameters verifyHost = new SSLParameters();
            verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
            config.ssl(true).sslSocketFactory(tls).sslParameters(verifyHost);
        }
        return config.build();
    }
}
