# shellcheck shell=bash
# The --tracing mode of bench/throughput (sourced after bench/lib.sh): tracing overhead on GET by id through the
# gateway, "off" vs sampling ratios exporting over OTLP/HTTP to bench/OtlpSink.java on 127.0.0.1.

: "${BENCH_ROUNDS:=3}" "${BENCH_TRACING_MODES:=off 0.01 1.0}" "${BENCH_TRACING_CONNECTIONS:=32}"

# restart_services MODE: users and gateway again, with tracing off or exporting at ratio MODE.
restart_services() {
  if [[ $1 == off ]]; then
    unset TRACING_OTLP_ENDPOINT TRACING_SAMPLING_RATIO
  else
    export TRACING_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_SINK_PORT" TRACING_SAMPLING_RATIO=$1
  fi
  bench_restart_services
}

# metric_value URL NAME: the value of an unlabelled series in a /metrics answer (0 when absent).
metric_value() {
  curl -fs "$1/metrics" | awk -v name="$2" '$1 == name { printf "%d\n", $2; found = 1 } END { if (!found) print 0 }'
}

tracing_overhead() {
  start_otlp_sink
  bench_start_system
  local ids="$RUN_DIR/ids" rows=() round mode json row before_g before_u exported failed
  seed_users "$ids" 3
  export BENCH_IDS_FILE=$ids BENCH_API_KEY=$API_KEY
  local format='%-6s %-5s %10s %9s %9s %9s %7s %14s %14s\n'
  # shellcheck disable=SC2059
  printf "$format" round mode req/s p50_ms p99_ms p99.9_ms errors "cpu_us/req g/u" "spans_exported"
  for ((round = 1; round <= BENCH_ROUNDS; round++)); do
    for mode in $BENCH_TRACING_MODES; do
      restart_services "$mode"
      BENCH_PREFIX=/api/users run_wrk "$BENCH_TRACING_CONNECTIONS" "$BENCH_WARMUP" get.lua "$GATEWAY" >/dev/null
      before_g=$(cpu_ms "$GATEWAY_PID") before_u=$(cpu_ms "$USERS_PID")
      json=$(BENCH_PREFIX=/api/users run_wrk "$BENCH_TRACING_CONNECTIONS" "$BENCH_DURATION" get.lua "$GATEWAY")
      exported=$(( $(metric_value "$GATEWAY" tracing_spans_exported_total) \
        + $(metric_value "$USERS" tracing_spans_exported_total) ))
      failed=$(( $(metric_value "$GATEWAY" tracing_spans_export_failed_total) \
        + $(metric_value "$USERS" tracing_spans_export_failed_total) ))
      row=$(jq -c --arg mode "$mode" --argjson round "$round" --argjson exported "$exported" \
        --argjson failed "$failed" --argjson g "$(($(cpu_ms "$GATEWAY_PID") - before_g))" \
        --argjson u "$(($(cpu_ms "$USERS_PID") - before_u))" '
        {mode: $mode, round: $round} + . + {error_count: ([.errors[]] | add),
         cpu_us_per_request: {gateway: ($g * 1000 / .requests | floor), users: ($u * 1000 / .requests | floor)},
         spans_exported_since_start: $exported, spans_export_failed_since_start: $failed}' <<<"$json")
      rows+=("$row")
      # shellcheck disable=SC2059,SC2046 # the jq fields are meant to split into printf's arguments
      printf "$format" "$round" "$mode" $(jq -r '[.rps, .p50_ms, .p99_ms, .p999_ms, .error_count,
        "\(.cpu_us_per_request.gateway)/\(.cpu_us_per_request.users)", .spans_exported_since_start] | join(" ")' \
        <<<"$row")
    done
  done
  kill "$SINK_PID" 2>/dev/null || true
  local all summary
  all=$(printf '%s\n' "${rows[@]}" | jq -sc .)
  # Per mode: the median over the rounds and its ratio to "off" (same run); on a machine shared with other work
  # the lowest CPU per request of the rounds is the least disturbed estimate of the cost, so it is reported too.
  summary=$(jq -c "$JQ_STATS"'
    group_by(.mode) | map({mode: .[0].mode, rps: (map(.rps) | median), p50_ms: (map(.p50_ms) | median),
      p99_ms: (map(.p99_ms) | median),
      cpu_us_per_request: (map(.cpu_us_per_request.gateway + .cpu_us_per_request.users) | median),
      cpu_us_per_request_min: (map(.cpu_us_per_request.gateway + .cpu_us_per_request.users) | min),
      errors: (map(.error_count) | add)}) as $modes
    | ($modes[] | select(.mode == "off")) as $off
    | $modes | map(. + {rps_vs_off: (.rps / $off.rps | r3), p99_vs_off: (.p99_ms / $off.p99_ms | r3),
                         cpu_vs_off: (.cpu_us_per_request / $off.cpu_us_per_request | r3),
                         cpu_min_vs_off: (.cpu_us_per_request_min / $off.cpu_us_per_request_min | r3)})' <<<"$all")
  echo
  jq -r '.[] | "\(.mode): \(.rps) req/s (\(.rps_vs_off) of off), p99 \(.p99_ms) ms (\(.p99_vs_off)x), CPU/request \(.cpu_us_per_request) us (\(.cpu_vs_off)x; lowest round \(.cpu_us_per_request_min) us, \(.cpu_min_vs_off)x), errors \(.errors)"' <<<"$summary"
  echo
  write_result tracing "$(jq -nc --argjson runs "$all" --argjson summary "$summary" \
    --arg duration "$BENCH_DURATION" --arg warmup "$BENCH_WARMUP" --arg conns "$BENCH_TRACING_CONNECTIONS" \
    '{settings: {operation: "GET /api/users/{id}", connections: ($conns | tonumber), duration_per_run: $duration,
      warmup_per_run: $warmup, collector: "bench/OtlpSink.java on 127.0.0.1 (OTLP/HTTP, discards)"},
      summary: $summary, runs: $runs}')"
}
