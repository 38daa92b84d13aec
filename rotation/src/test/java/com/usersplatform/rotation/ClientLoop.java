package com.usersplatform.rotation;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Redis client that keeps logging in (new connection, AUTH, PING) with whatever password it currently holds,
 * like a users pod between two reads of its credentials file. Bounded: it stops after {@code maxRun} at most.
 */
final class ClientLoop implements AutoCloseable {

    private final CredentialCheck login;
    private final AtomicReference<String> password;
    private final AtomicInteger successes = new AtomicInteger();
    private final Set<String> failureMessages = ConcurrentHashMap.newKeySet();
    private final Set<String> passwordsThatWorked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failureCount = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    ClientLoop(String name, CredentialCheck login, String initialPassword, Duration maxRun) {
        this.login = login;
        this.password = new AtomicReference<>(initialPassword);
        long deadline = System.nanoTime() + maxRun.toNanos();
        this.thread = new Thread(() -> {
            while (running && System.nanoTime() < deadline) {
                loginOnce();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The client moves over to another password (e.g. it re-read its credentials). */
    void usePassword(String next) {
        password.set(next);
    }

    /** Waits until {@code count} more logins have succeeded (or the loop failed or ended). */
    void awaitMoreSuccesses(int count) throws InterruptedException {
        int target = successes.get() + count;
        while (successes.get() < target && failureCount.get() == 0 && thread.isAlive()) {
            Thread.sleep(5);
        }
    }

    int successes() {
        return successes.get();
    }

    int failures() {
        return failureCount.get();
    }

    /** Distinct failure messages (never containing passwords), for the assertion message. */
    Set<String> failureMessages() {
        return failureMessages;
    }

    boolean succeededWith(String candidate) {
        return passwordsThatWorked.contains(candidate);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loginOnce() {
        String current = password.get();
        try {
            login.verify(RotationFixture.USER_NAME, current);
            successes.incrementAndGet();
            passwordsThatWorked.add(current);
        } catch (RuntimeException e) {
            failureCount.incrementAndGet();
            failureMessages.add(e.getMessage());
        }
    }
}
