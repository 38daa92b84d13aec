package com.usersplatform.common;

import com.usersplatform.contract.CommonContract;
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
     * Routes all java.util.logging output (the service's and Helidon's) to stdout, one JSON object per line, at
     * {@code level} and above (the service's {@code log.level} setting, {@link ConfigValues#logLevel}).
     */
    public static void install(ServiceInfo service, Level level) {
        install(service, level, System.out);
    }

    /** As {@link #install(ServiceInfo, Level)} at the default level, writing to {@code out} (tests capture it). */
    public static void install(ServiceInfo service, PrintStream out) {
        install(service, Level.parse(CommonContract.LOG_LEVEL.defaultValue()), out);
    }

    /** As {@link #install(ServiceInfo, Level)}, writing to {@code out}. */
    public static void install(ServiceInfo service, Level level, PrintStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
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
