package com.usersplatform.common;

import java.io.PrintStream;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** JSON logging on stdout for a service, and structured log lines with extra fields. */
public final class Logs {
    private static volatile Handler installed;

    private Logs() {
    }

    /**
     * Routes all java.util.logging output (the service's and Helidon's) to stdout, one JSON object per line.
     * Level: env {@code LOG_LEVEL} ({@code INFO} by default; JUL names, e.g. {@code FINE}).
     */
    public static void install(ServiceInfo service) {
        install(service, System.out);
    }

    /** As {@link #install(ServiceInfo)}, writing to {@code out} (tests capture it). */
    public static void install(ServiceInfo service, PrintStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level level = Level.parse(System.getenv().getOrDefault("LOG_LEVEL", "INFO"));
        Handler handler = new StreamHandler(out, new JsonLogFormatter(service)) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }

            @Override
            public synchronized void close() {
                flush(); // never close stdout: shutdown hooks still log after the JDK resets logging
            }
        };
        handler.setLevel(level);
        root.setLevel(level);
        root.addHandler(handler);
        installed = handler;
    }

    /** Logs {@code message} at INFO with extra top-level JSON {@code fields} (values must be JSON-serializable). */
    public static void info(Logger logger, String message, Map<String, ?> fields) {
        log(logger, Level.INFO, message, fields);
    }

    /** Logs {@code message} at {@code level} with extra top-level JSON {@code fields}. */
    public static void log(Logger logger, Level level, String message, Map<String, ?> fields) {
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger.getName());
        record.setParameters(new Object[] {new Fields(fields)});
        Handler handler = installed;
        if (handler != null && handler.isLoggable(record)) {
            handler.publish(record); // direct, so lines logged from shutdown hooks are not lost
        } else {
            logger.log(record);
        }
    }

    static Map<?, ?> fields(LogRecord record) {
        Object[] params = record.getParameters();
        return params != null && params.length == 1 && params[0] instanceof Fields f ? f.values() : null;
    }

    private record Fields(Map<String, ?> values) {
    }
}
