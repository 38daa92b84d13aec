package com.usersplatform.common;

import com.usersplatform.contract.CommonContract;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

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
        Handler handler = new LineHandler(out, new JsonLogFormatter(service));
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

    /** Returns once every line logged so far is written, including those another thread is still writing. */
    public static void flush() {
        Handler handler = installed;
        if (handler != null) {
            handler.flush();
        }
    }

    static Map<?, ?> fields(LogRecord record) {
        Object[] params = record.getParameters();
        return params != null && params.length == 1 && params[0] instanceof Fields f ? f.values() : null;
    }

    private record Fields(Map<String, ?> values) {
    }

    /**
     * Writes each formatted line to {@code out} through a {@link LineWriter}: written and flushed before
     * {@code publish} returns unless another thread is writing, in which case that thread writes it with its own.
     * The line is formatted on the logging thread (it reads that thread's request id and span) before any lock is
     * taken. A handler that held one monitor while formatting and writing (like
     * {@link java.util.logging.StreamHandler}) made every request's access log line wait for the others: a quarter
     * of the gateway's CPU went to spinning on that monitor under load.
     */
    private static final class LineHandler extends Handler {
        private final PrintStream out;
        private final LineWriter writer;

        LineHandler(PrintStream out, Formatter formatter) {
            this.out = out;
            this.writer = new LineWriter(out);
            setFormatter(formatter);
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String line;
            try {
                line = getFormatter().format(record);
            } catch (RuntimeException e) {
                reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
                return;
            }
            writer.write(line.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
            out.flush();
        }

        @Override
        public void close() {
            flush(); // never close stdout: shutdown hooks still log after the JDK resets logging
        }
    }
}
