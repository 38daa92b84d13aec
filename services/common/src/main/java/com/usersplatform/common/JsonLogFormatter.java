package com.usersplatform.common;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats each {@link LogRecord} as one JSON object on one line: {@code timestamp, level, service, version,
 * logger, message, request_id}, {@code trace_id} and {@code span_id} when a trace context is current, plus the fields passed through {@link Logs#info(java.util.logging.Logger, String, Map)}
 * and, for failures, {@code exception} and {@code stack_trace}.
 */
public final class JsonLogFormatter extends Formatter {
    private final ServiceInfo service;

    /** A formatter that stamps {@code service} on every line. */
    public JsonLogFormatter(ServiceInfo service) {
        this.service = service;
    }

    @Override
    public String format(LogRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", level(record.getLevel()));
        line.put("service", service.name());
        line.put("version", service.version());
        line.put("logger", record.getLoggerName());
        Map<?, ?> fields = Logs.fields(record);
        line.put("message", fields == null ? formatMessage(record) : record.getMessage());
        line.put("request_id", RequestIds.current().orElse(null));
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            line.put("trace_id", span.getTraceId());
            line.put("span_id", span.getSpanId());
        }
        if (fields != null) {
            fields.forEach((key, value) -> line.put(String.valueOf(key), value));
        }
        if (record.getThrown() != null) {
            line.put("exception", record.getThrown().getClass().getName());
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("stack_trace", trace.toString());
        }
        return Json.write(line) + System.lineSeparator();
    }

    private static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        return value >= Level.INFO.intValue() ? "INFO" : "DEBUG";
    }
}
