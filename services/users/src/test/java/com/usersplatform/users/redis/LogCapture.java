package com.usersplatform.users.redis;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records the lines a logger (and its children) writes, as {@code "LEVEL message"}, until closed. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    /** Starts recording what {@code loggerName} logs. */
    public static LogCapture of(String loggerName) {
        LogCapture capture = new LogCapture(Logger.getLogger(loggerName));
        capture.logger.addHandler(capture);
        return capture;
    }

    /** The lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many lines so far start with {@code prefix}. */
    public long count(String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
