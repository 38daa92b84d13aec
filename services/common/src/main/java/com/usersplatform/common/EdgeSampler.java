package com.usersplatform.common;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The edge's decision for a request that arrives with a client's trace context: records {@code ratio} of them, by a
 * random draw of its own. A client chooses its trace id as freely as its sampled flag, and the SDK's ratio sampler
 * decides on the trace id alone (it records when the last 16 hex digits, read as a number, are below
 * {@code ratio × Long.MAX_VALUE}:
 * https://github.com/open-telemetry/opentelemetry-java/blob/main/sdk/trace/src/main/java/io/opentelemetry/sdk/trace/samplers/TraceIdRatioBasedSampler.java),
 * so a client sending ids ending in zeros would have every request recorded. The decision needs no consistency
 * across services: the services behind the edge follow its sampled flag.
 */
final class EdgeSampler implements Sampler {
    private final double ratio;

    /** @param ratio share of such requests to record, 0 to 1 (validated with the other tracing settings) */
    EdgeSampler(double ratio) {
        this.ratio = ratio;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        return ThreadLocalRandom.current().nextDouble() < ratio ? SamplingResult.recordAndSample()
                : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
        return "EdgeSampler{" + ratio + "}";
    }
}
