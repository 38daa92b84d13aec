# shellcheck shell=bash
# Sourced by the bench/ scripts: JDK selection, the local system (bin/lib-local.sh) on bench ports, load tools,
# timing helpers, and result output (a table on stdout, JSON in bench/results/<name>.json and as the last line).
# Load goes only to 127.0.0.1, every run is bounded in time.

set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"
select_jdk
# Bench ports differ from bin/local's so a developer's running system is left alone.
: "${GATEWAY_PORT:=13000}" "${USERS_PORT:=13001}" "${REDIS_PORT:=16380}"
# Benchmarks measure the services, not the per-client limiter: raise it far above what one machine can send (the
# rate's upper bound, 100000/s, is the gateway's own: a larger value stops it at start; the burst has none).
: "${RATE_LIMIT_RPS:=100000}" "${RATE_LIMIT_BURST:=1000000}"
export RATE_LIMIT_RPS RATE_LIMIT_BURST
source "$ROOT/bin/lib-local.sh"

BENCH_DIR="$ROOT/bench"
LUA="$BENCH_DIR/lua"
RESULTS="${BENCH_RESULTS:-$BENCH_DIR/results}"
BENCH_RUN="$(date +%s)-$$"
export BENCH_RUN
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
USERS="http://127.0.0.1:$USERS_PORT"

# Installs what the benchmarks need from Debian when missing (wrk, redis-cli/redis-benchmark, jq).
bench_tools() {
  local missing=() tool package
  for tool in wrk:wrk redis-cli:redis-tools redis-benchmark:redis-tools jq:jq; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
  done
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null || die "missing tools: ${missing[*]} (install them)"
  log_step "installing ${missing[*]} from Debian..."
  local sudo=""
  ((EUID == 0)) || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  for package in wrk redis-cli redis-benchmark jq; do command -v "$package" >/dev/null || die "$package missing"; done
}

# HTTP status of a GET without forking curl (used where polling must not steal CPU from what it measures).
http_status() {
  local status=000
  if { exec 4<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; then
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&4
    IFS=' ' read -r -t 2 _ status _ <&4 || true
    exec 4<&- 4>&-
  fi
  echo "${status:-000}"
}

# wait_200_ms PORT PATH PID [T0_MS]: polls until 200; prints the milliseconds it took (since T0_MS if given).
wait_200_ms() {
  local t0=${4:-$(now_ms)} deadline
  deadline=$(($(now_ms) + 60000))
  until [[ $(http_status "$1" "$2") == 200 ]]; do
    kill -0 "$3" 2>/dev/null || die "process $3 exited before $2 on port $1 was ready"
    (($(now_ms) < deadline)) || die "port $1 $2 not ready after 60 s"
    sleep 0.01
  done
  echo $(($(now_ms) - t0))
}

# CPU time (user + system) a process has used so far, in milliseconds.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

# Resident set size of a process in MiB.
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
hwm_mib() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# run_wrk CONNS DURATION SCRIPT URL: prints the BENCH_JSON object of one wrk run (other lines go to stderr).
run_wrk() {
  local out
  # A run id per wrk run keeps the emails of every create unique across runs.
  out=$(BENCH_RUN="$BENCH_RUN-$RANDOM$RANDOM" wrk -t2 -c"$1" -d"$2" --timeout 5s -s "$LUA/$3" "$4") || die "wrk failed: $out"
  grep -q '^BENCH_JSON ' <<<"$out" || die "wrk printed no summary: $out"
  sed -n 's/^BENCH_JSON //p' <<<"$out"
}

# Creates users directly on the users service for SECONDS and writes their ids to FILE.
seed_users() {
  local file=$1 seconds=${2:-3}
  BENCH_IDS_OUT="$RUN_DIR/seed" BENCH_PREFIX=/users run_wrk 8 "${seconds}s" create.lua "$USERS" >/dev/null
  cat "$RUN_DIR"/seed.* >"$file"
  rm -f "$RUN_DIR"/seed.*
  [[ -s $file ]] || die "seeding created no user (see $LOGS/users.log)"
}

# Tracing as in production while measuring: both services export at BENCH_SAMPLING_RATIO (0.1, the production
# ratio) over OTLP/HTTP to bench/OtlpSink.java on 127.0.0.1:OTLP_SINK_PORT (accepts and discards); "off" exports
# nothing. Call before bench_start_system; the sink is stopped with the services. Sets SINK_PID.
: "${BENCH_SAMPLING_RATIO:=0.1}" "${OTLP_SINK_PORT:=14318}"
SINK_PID=""
start_otlp_sink() {
  local_check_port OTLP_SINK_PORT
  java "$BENCH_DIR/OtlpSink.java" "$OTLP_SINK_PORT" &
  SINK_PID=$!
  # Stopped even if the script dies before bench_start_system's trap (which stops it with the other jobs) is set.
  trap 'kill "$SINK_PID" 2>/dev/null || true' EXIT
  local deadline=$(($(now_ms) + 30000))
  until curl -fs -o /dev/null "http://127.0.0.1:$OTLP_SINK_PORT/stats"; do
    kill -0 "$SINK_PID" 2>/dev/null || die "the OTLP sink did not start (port $OTLP_SINK_PORT taken?)"
    (($(now_ms) < deadline)) || die "the OTLP sink is not answering on port $OTLP_SINK_PORT"
    sleep 0.1
  done
}

bench_tracing() {
  [[ $BENCH_SAMPLING_RATIO == off ]] && return 0
  start_otlp_sink
  export TRACING_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_SINK_PORT" TRACING_SAMPLING_RATIO=$BENCH_SAMPLING_RATIO
}

# Starts Redis, users and gateway on the bench ports and stops them (and any helper jobs) on exit.
bench_start_system() {
  BENCH_LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
  bench_tools
  local_check_ports
  local_build
  local_init
  local_secrets
  trap 'bench_cleanup' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  local_start_all
}

bench_cleanup() {
  local job
  for job in $(jobs -p); do
    [[ $job == "$REDIS_PID" || $job == "$USERS_PID" || $job == "$GATEWAY_PID" ]] || kill "$job" 2>/dev/null || true
  done
  local_stop_all
}

# Restarts users and gateway (after Redis) with the current environment: JAVA_OPTS, USERS_JAVA_OPTS,
# GATEWAY_JAVA_OPTS, the tracing variables.
bench_restart_services() {
  stop_process "$GATEWAY_PID"
  stop_process "$USERS_PID"
  local_start_users
  wait_ready users "$USERS/health/ready" "$USERS_PID"
  local_start_gateway
  wait_ready gateway "$GATEWAY/health/ready" "$GATEWAY_PID"
}

# jq definitions the summaries over rounds share: the median (the mean of the middle two for an even count) and
# rounding to three decimals.
# shellcheck disable=SC2034 # read by the scripts that source this file
JQ_STATS='def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def r3: . * 1000 | round / 1000;
'
# The table measure_run prints a row of; measure_header prints its header.
MEASURE_FORMAT='%-8s %-7s %5s %10s %9s %9s %9s %7s %18s\n'
# shellcheck disable=SC2059
measure_header() { printf "$MEASURE_FORMAT" target op conns req/s p50_ms p99_ms p99.9_ms errors "cpu_us/req gw/us/r"; }

# measure_run TARGET OP CONNS [EXTRA_JSON]: one wrk run of OP (get, list, create, health) on TARGET (gateway or
# users) for BENCH_DURATION; prints its row and appends it (plus EXTRA_JSON) to the caller's rows array.
measure_run() {
  local url prefix before json row rps p50 p99 p999 errors cpu
  if [[ $1 == gateway ]]; then url=$GATEWAY prefix=/api/users; else url=$USERS prefix=/users; fi
  before=("$(cpu_ms "$GATEWAY_PID")" "$(cpu_ms "$USERS_PID")" "$(cpu_ms "$REDIS_PID")")
  json=$(BENCH_PREFIX=$prefix run_wrk "$3" "$BENCH_DURATION" "$2.lua" "$url")
  # CPU each process spent per request: on 2 shared cores this is what bounds the throughput.
  row=$(jq -c --arg target "$1" --arg op "$2" --argjson conns "$3" --argjson extra "${4:-"{}"}" \
    --argjson g "$(($(cpu_ms "$GATEWAY_PID") - before[0]))" --argjson u "$(($(cpu_ms "$USERS_PID") - before[1]))" \
    --argjson r "$(($(cpu_ms "$REDIS_PID") - before[2]))" '
    {target: $target, operation: $op, connections: $conns} + . + {error_count: ([.errors[]] | add),
     cpu_us_per_request: {gateway: ($g * 1000 / .requests | floor), users: ($u * 1000 / .requests | floor),
                          redis: ($r * 1000 / .requests | floor)}} + $extra' <<<"$json")
  rows+=("$row")
  read -r rps p50 p99 p999 errors cpu < <(jq -r '[.rps, .p50_ms, .p99_ms, .p999_ms, .error_count,
    (.cpu_us_per_request | "\(.gateway)/\(.users)/\(.redis)")] | join(" ")' <<<"$row")
  # shellcheck disable=SC2059
  printf "$MEASURE_FORMAT" "$1" "$2" "$3" "$rps" "$p50" "$p99" "$p999" "$errors" "$cpu"
}

# The machine the figures come from, as a JSON object.
machine_json() {
  jq -n --arg cpu "$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)" --arg nproc "$(nproc)" \
    --arg java "$(java -version 2>&1 | head -1)" --arg kernel "$(uname -r)" \
    --arg load "${BENCH_LOAD_AT_START:-}" --arg load_end "$(cut -d' ' -f1-3 /proc/loadavg)" --arg commit "$(local_version)" \
    --arg mem "$(free -g | awk '/^Mem:/ {print $2 " GiB"}')" \
    '{cpu_model: $cpu, nproc: ($nproc | tonumber), memory: $mem, java: $java, kernel: $kernel,
      load_average_at_start: $load, load_average_at_end: $load_end, commit: $commit}'
}

# write_result NAME JSON: saves bench/results/NAME${BENCH_RESULT_SUFFIX}.json and prints the JSON as the last line.
write_result() {
  local name="$1${BENCH_RESULT_SUFFIX:-}"
  mkdir -p "$RESULTS"
  jq -c --argjson machine "$(machine_json)" --arg at "$(date -u +%FT%TZ)" --arg name "$name" \
    --arg java_opts "${JAVA_OPTS:-}" --arg note "${BENCH_NOTE:-}" \
    '{benchmark: $name, measured_at: $at, machine: $machine, extra_java_opts: $java_opts, note: $note} + .' <<<"$2" |
    tee "$RESULTS/$name.json"
}

# ---- Drills ------------------------------------------------------------------------------------------------------

# start_steady_load DURATION OUT: mixed GET-by-id/create load through the gateway in the background
# (BENCH_DRILL_CONNECTIONS (16) connections, each pausing BENCH_DRILL_DELAY_MS (10) between requests); wrk's output
# goes to OUT, created ids to OUT.ids.<thread>. Sets LOAD_PID.
start_steady_load() {
  BENCH_RUN="$BENCH_RUN-$RANDOM$RANDOM" BENCH_PREFIX=/api/users BENCH_IDS_OUT="$2.ids" BENCH_DELAY_MS=${BENCH_DRILL_DELAY_MS:-10} \
    wrk -t2 -c"${BENCH_DRILL_CONNECTIONS:-16}" -d"$1" --timeout 5s -s "$LUA/mixed.lua" "$GATEWAY" >"$2" 2>&1 &
  # shellcheck disable=SC2034 # used by the drill scripts
  LOAD_PID=$!
}

# probe NAME METHOD URL OUT [API_KEY]: one request every BENCH_PROBE_MS (100) ms until killed; appends
# "start_ms status latency_s error_code created_id" per request to OUT. POSTs create a unique user.
probe() {
  local name=$1 method=$2 url=$3 out=$4 key=${5:-} n=0 start reply status latency code id body pause
  pause=$(awk -v ms="${BENCH_PROBE_MS:-100}" 'BEGIN { printf "%.3f", ms / 1000 }')
  local -a args=(-s --max-time 5 -w '\n%{http_code} %{time_total}' -X "$method")
  [[ -n $key ]] && args+=(-H "X-API-Key: $key")
  [[ $method == POST ]] && args+=(-H 'Content-Type: application/json')
  while true; do
    n=$((n + 1))
    start=$(now_ms)
    if [[ $method == POST ]]; then
      reply=$(curl "${args[@]}" -d "{\"name\":\"Probe $n\",\"email\":\"probe-$BENCH_RUN-$name-$n@example.com\"}" "$url" || true)
    else
      reply=$(curl "${args[@]}" "$url" || true) # connection refused still prints "000 ..."
    fi
    body=${reply%$'\n'*} status=${reply##*$'\n'}
    latency=${status#* } status=${status%% *}
    code=- id=-
    [[ $body =~ \"error\":\"([a-z_]+)\" ]] && code=${BASH_REMATCH[1]}
    [[ $status == 201 && $body =~ \"id\":\"([0-9a-f-]+)\" ]] && id=${BASH_REMATCH[1]}
    echo "$start $status $latency $code $id" >>"$out"
    sleep "$pause"
  done
}

# Reads a wrk run's BENCH_JSON and BENCH_STATUS lines from its output file into one JSON object.
load_summary() {
  jq -nc --argjson run "$(sed -n 's/^BENCH_JSON //p' "$1")" --argjson status "$(sed -n 's/^BENCH_STATUS //p' "$1")" \
    '$run + {status_counts: $status,
             failed: (([$status | to_entries[] | select(.key | test("^[23]") | not) | .value] | add // 0)
                      + $run.errors.connect + $run.errors.read + $run.errors.write + $run.errors.timeout)}'
}

# Counts how many of the ids in FILE read back with 200 directly from users; prints {"checked":n,"readable":m}.
check_readable() {
  local config="$RUN_DIR/readback.curl" total ok
  sort -u "$1" | grep -v '^-$' | awk -v base="$USERS/users/" '{ print "url = \"" base $1 "\"\noutput = \"/dev/null\"" }' >"$config"
  total=$(grep -c '^url' "$config" || true)
  ok=0
  if ((total > 0)); then ok=$(curl -s -K "$config" -w '%{http_code}\n' | grep -c '^200$' || true); fi
  jq -nc --argjson checked "$total" --argjson readable "$ok" '{checked: $checked, readable: $readable}'
}
