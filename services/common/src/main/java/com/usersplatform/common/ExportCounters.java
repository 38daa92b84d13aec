package com.usersplatform.common;

import io.prometheus.metrics.core.metrics.Counter;

/** {@code tracing_spans_exported_total} and {@code tracing_spans_export_failed_total}. */
record ExportCounters(Counter exported, Counter failed) {
    ExportCounters(HttpMetrics metrics) {
        this(Counter.builder()
                        .name("tracing_spans_exported_total")
                        .help("Spans handed to a trace exporter that accepted them")
                        .register(metrics.registry()),
                Counter.builder()
                        .name("tracing_spans_export_failed_total")
                        .help("Spans lost because the trace exporter failed (collector unreachable, refused, timed out)")
                        .register(metrics.registry()));
    }
}
