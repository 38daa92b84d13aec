package com.usersplatform.common;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** Counts the spans each export delivered or lost; an exporter that throws counts as a failure, never propagates. */
final class CountingSpanExporter implements SpanExporter {
    private final SpanExporter delegate;
    private final ExportCounters counters;

    CountingSpanExporter(SpanExporter delegate, ExportCounters counters) {
        this.delegate = delegate;
        this.counters = counters;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        int count = spans.size();
        CompletableResultCode result;
        try {
            result = delegate.export(spans);
        } catch (RuntimeException e) {
            counters.failed().inc(count);
            return CompletableResultCode.ofFailure();
        }
        result.whenComplete(() -> (result.isSuccess() ? counters.exported() : counters.failed()).inc(count));
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
