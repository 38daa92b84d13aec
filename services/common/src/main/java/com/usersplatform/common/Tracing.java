package com.usersplatform.common;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK of one service: W3C trace-context propagation, a parent-based ratio sampler, and a batch
 * processor with a bounded queue in front of the OTLP/HTTP exporter when an endpoint is configured. Failed exports
 * are counted in {@code tracing_spans_export_failed_total} and never reach a request.
 *
 * <p>Without an endpoint (and without the span log) nothing is recorded: spans are non-recording, but they still
 * get ids, so incoming trace contexts are propagated and every log line of a request carries its trace id. Not
 * registered as the global OpenTelemetry: tests run both services in one JVM, each with its own instance.
 */
public final class Tracing implements AutoCloseable {
    /** Where a service sits: the edge decides sampling itself, internal services follow their caller. */
    public enum Role {
        /**
         * Public entry point: a client's (or the load balancer's) sampled flag is not trusted, so one client
         * cannot make every request of its own recorded; the trace id is kept and the edge's own random draw
         * decides ({@link EdgeSampler}).
         */
        EDGE,
        /** Behind the edge: the parent's decision holds, so a trace is recorded in every service or in none. */
        INTERNAL
    }

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private Tracing(OpenTelemetrySdk sdk, String service) {
        this.sdk = sdk;
        this.tracer = sdk.getTracer(service);
    }

    /**
     * The tracing of {@code service}.
     *
     * @param metrics registry for the export counters
     * @param extra   further exporters, each behind its own synchronous processor (tests: in-memory spans)
     */
    public static Tracing create(ServiceInfo service, Role role, TracingSettings settings, HttpMetrics metrics,
                                 List<SpanExporter> extra) {
        ExportCounters counters = new ExportCounters(metrics);
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), service.name(),
                        AttributeKey.stringKey("service.version"), service.version()))));
        boolean exporting = settings.otlpEndpoint().isPresent() || settings.logSpans() || !extra.isEmpty();
        provider.setSampler(exporting ? sampler(role, settings.samplingRatio()) : Sampler.alwaysOff());
        settings.otlpEndpoint().ifPresent(endpoint -> provider.addSpanProcessor(batch(settings,
                new CountingSpanExporter(OtlpHttpSpanExporter.builder()
                        // OTLP/HTTP: the traces signal is POSTed to <base>/v1/traces
                        // (https://opentelemetry.io/docs/specs/otlp/#otlphttp-request).
                        .setEndpoint(endpoint.toString().replaceAll("/+$", "") + "/v1/traces")
                        .setTimeout(settings.exportTimeout())
                        .build(), counters))));
        if (settings.logSpans()) {
            provider.addSpanProcessor(batch(settings, new CountingSpanExporter(new SpanLogExporter(), counters)));
        }
        extra.forEach(exporter -> provider.addSpanProcessor(
                SimpleSpanProcessor.create(new CountingSpanExporter(exporter, counters))));
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new Tracing(sdk, service.name());
    }

    private static Sampler sampler(Role role, double ratio) {
        Sampler byRatio = Sampler.traceIdRatioBased(ratio);
        if (role == Role.INTERNAL) {
            return Sampler.parentBased(byRatio);
        }
        // The edge keeps a client's trace id but not its decision, nor one the client could steer through the id.
        Sampler ownDraw = new EdgeSampler(ratio);
        return Sampler.parentBasedBuilder(byRatio)
                .setRemoteParentSampled(ownDraw)
                .setRemoteParentNotSampled(ownDraw)
                .build();
    }

    private static BatchSpanProcessor batch(TracingSettings settings, SpanExporter exporter) {
        return BatchSpanProcessor.builder(exporter)
                .setMaxQueueSize(settings.queueSize())
                .setMaxExportBatchSize(Math.min(512, settings.queueSize()))
                .setExporterTimeout(settings.exportTimeout())
                .build();
    }

    /** The API for instrumentation (tracer, propagators). */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** This service's tracer. */
    public Tracer tracer() {
        return tracer;
    }

    /** Exports every ended span now (tests; shutdown). */
    public void flush() {
        sdk.getSdkTracerProvider().forceFlush().join(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Exports what is queued (bounded wait) and stops the exporters. */
    @Override
    public void close() {
        sdk.getSdkTracerProvider().shutdown().join(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
