package com.usersplatform.common;

import io.helidon.webserver.WebServer;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Start-up report and graceful shutdown: on SIGTERM the server stops accepting, finishes in-flight requests (within
 * its {@code shutdown-grace-period}), then {@code resources} are closed in order. Build the server with
 * {@code shutdownHook(false)} so that Helidon's own hook does not race this one.
 */
public final class ServiceLifecycle {
    private static final Logger LOG = Logger.getLogger(ServiceLifecycle.class.getName());

    private ServiceLifecycle() {
    }

    /** Logs the time from JVM start to ready and installs the SIGTERM hook; returns {@code server}. */
    public static WebServer started(WebServer server, AutoCloseable... resources) {
        long millis = ManagementFactory.getRuntimeMXBean().getUptime();
        Logs.info(LOG, "started", Map.of("port", server.port(), "startup_ms", millis));
        List<AutoCloseable> toClose = List.of(resources);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(server, toClose), "graceful-shutdown"));
        return server;
    }

    /** Stops {@code server} (in-flight requests finish), then closes {@code resources}. */
    public static void shutdown(WebServer server, List<AutoCloseable> resources) {
        Logs.info(LOG, "shutting down", Map.of());
        if (server.isRunning()) {
            server.stop();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Error while closing " + resource.getClass().getSimpleName(), e);
            }
        }
        Logs.info(LOG, "stopped", Map.of());
        Logs.flush(); // a request thread may still be writing lines, this one included: out before the JVM exits
    }
}
