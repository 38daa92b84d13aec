package com.usersplatform.contract;

import static com.usersplatform.contract.Setting.atLeast;
import static com.usersplatform.contract.Setting.integer;

import java.util.List;
import java.util.stream.Stream;

/** The settings every service reads under the same key, with the same default and bounds. */
public final class CommonContract {
    /** Largest request-body limit a deployment may set: 10 MiB. */
    public static final int MAX_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

    public static final Setting SERVICE_VERSION = Setting.of("service.version", Setting.Type.STRING, "dev",
            "version in logs and /health");
    public static final Setting BODY_LIMIT_BYTES = integer("body.limit.bytes", 16_384, 1, MAX_BODY_LIMIT_BYTES,
            "largest request body, bytes; larger gets 413");
    public static final Setting LOG_LEVEL = Setting.of("log.level", Setting.Type.STRING, "INFO",
            "java.util.logging level (FINE adds access logs of probes and scrapes)");
    public static final Setting TRACING_OTLP_ENDPOINT = Setting.of("tracing.otlp.endpoint", Setting.Type.URI, "",
            "OTLP/HTTP collector base URL (spans go to its /v1/traces); empty: nothing exported");
    public static final Setting TRACING_SAMPLING_RATIO = Setting.of("tracing.sampling.ratio", Setting.Type.DECIMAL,
            "1.0", "share of new traces recorded, 0 to 1 (the gateway decides, users follows)");
    public static final Setting TRACING_QUEUE_SIZE = integer("tracing.queue.size", 2048, 1, 65_536,
            "spans waiting for export at most (about 1 KiB each); more are dropped, requests never wait");
    public static final Setting TRACING_EXPORT_TIMEOUT_MS = atLeast("tracing.export.timeout.ms", 10_000, 1,
            "bound on one export call, ms");
    public static final Setting TRACING_LOG_SPANS = Setting.of("tracing.log.spans", Setting.Type.BOOLEAN, "false",
            "also log every recorded span as one JSON line");

    /** Every setting above, in documentation order. */
    public static final List<Setting> ALL = List.of(SERVICE_VERSION, BODY_LIMIT_BYTES, LOG_LEVEL,
            TRACING_OTLP_ENDPOINT, TRACING_SAMPLING_RATIO, TRACING_QUEUE_SIZE, TRACING_EXPORT_TIMEOUT_MS,
            TRACING_LOG_SPANS);

    private CommonContract() {
    }

    /** {@code own} followed by {@link #ALL}: every setting of one service. */
    static List<Setting> withCommon(List<Setting> own) {
        return Stream.concat(own.stream(), ALL.stream()).toList();
    }
}
