package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Who decides whether a request is recorded: at the edge, its own random draw, whatever trace context the client
 * sent; behind it, the caller.
 */
class EdgeSamplingTest {
    private static final int REQUESTS = 2000;
    private static final double RATIO = 0.05;

    @Test
    void theEdgeRecordsItsRatioOfClientTracesEvenWhenTheClientPicksIdsTheRatioSamplerAlwaysKeeps() {
        // Ids ending in 15 zeros and a 1 are below any ratio's bound, and every one is flagged sampled.
        assertEquals(REQUESTS, recorded(Tracing.Role.INTERNAL), "behind the edge the caller decides");
        int atTheEdge = recorded(Tracing.Role.EDGE);
        // Binomial(2000, 0.05): mean 100, standard deviation 9.7; the bounds are 6 deviations away.
        assertTrue(atTheEdge > 40 && atTheEdge < 160, atTheEdge + " of " + REQUESTS + " recorded at ratio " + RATIO);
    }

    @Test
    void atTheBoundsTheEdgeRecordsEveryClientTraceOrNone() {
        for (double ratio : new double[] {0.0, 1.0}) {
            EdgeSampler sampler = new EdgeSampler(ratio);
            long recorded = IntStream.range(0, REQUESTS).filter(i -> sampler.shouldSample(
                    Context.root(), "0af7651916cd43dd8448eb211c80319c", "GET", SpanKind.SERVER,
                    Attributes.empty(), List.of()).getDecision()
                    == SamplingDecision.RECORD_AND_SAMPLE).count();
            assertEquals(ratio == 0.0 ? 0 : REQUESTS, recorded, "ratio " + ratio);
            // The SDK shows a sampler by its description (SdkTracerProvider's toString, its debug logs).
            assertEquals("EdgeSampler{" + ratio + "}", sampler.getDescription());
        }
    }

    @Test
    void theEdgesSamplerStartsWithoutTheSdksWarningAboutRatioChildSamplers() {
        Logger sdk = Logger.getLogger("io.opentelemetry.sdk.trace.samplers");
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        sdk.addHandler(handler);
        try {
            tracing(Tracing.Role.EDGE, InMemorySpanExporter.create()).close();
        } finally {
            sdk.removeHandler(handler);
        }
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
    }

    /** How many of {@link #REQUESTS} server spans under a client's sampled trace context {@code role} records. */
    private static int recorded(Tracing.Role role) {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (Tracing tracing = tracing(role, spans)) {
            byte[] high = new byte[8];
            for (int i = 0; i < REQUESTS; i++) {
                ThreadLocalRandom.current().nextBytes(high);
                String traceId = HexFormat.of().formatHex(high) + "0000000000000001";
                SpanContext client = SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7",
                        TraceFlags.getSampled(), TraceState.getDefault());
                tracing.tracer().spanBuilder("GET").setSpanKind(SpanKind.SERVER)
                        .setParent(Context.root().with(Span.wrap(client)))
                        .startSpan().end();
            }
            return spans.getFinishedSpanItems().size(); // before close: shutting the exporter down empties it
        }
    }

    private static Tracing tracing(Tracing.Role role, InMemorySpanExporter exporter) {
        return Tracing.create(new ServiceInfo("demo", "1"), role,
                new TracingSettings(Optional.empty(), RATIO, 2048, Duration.ofSeconds(5), false), new HttpMetrics(),
                List.of(exporter));
    }
}
