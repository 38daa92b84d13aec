package com.usersplatform.common;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Writes each span as one JSON log line ({@code "message":"span GET /users/{id} 1.93 ms"} with trace, span and
 * parent ids, kind, status and attributes), so one request's path through both services can be read in the
 * services' own logs without a collector ({@code bin/local --traces}).
 */
final class SpanLogExporter implements SpanExporter {
    private static final Logger LOG = Logger.getLogger("span");

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        for (SpanData span : spans) {
            double millis = Math.round((span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e4) / 100.0;
            Map<String, Object> fields = new LinkedHashMap<>();
            // Exported on the batch thread: the ids come from the span, not from the (absent) current request.
            fields.put("request_id", span.getAttributes().get(RequestFilter.REQUEST_ID));
            fields.put("trace_id", span.getTraceId());
            fields.put("span_id", span.getSpanId());
            SpanContext parent = span.getParentSpanContext();
            fields.put("parent_span_id", parent.isValid() ? parent.getSpanId() : null);
            fields.put("span_kind", span.getKind().name());
            fields.put("span_status", span.getStatus().getStatusCode().name());
            fields.put("duration_ms", millis);
            Map<String, Object> attributes = new TreeMap<>();
            span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
            fields.put("attributes", attributes);
            span.getEvents().forEach(event -> fields.merge("events", event.getName(),
                    (a, b) -> a + "," + b));
            Logs.info(LOG, "span " + span.getName() + " " + millis + " ms", fields);
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
