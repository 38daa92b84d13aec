# shellcheck shell=bash
# Sourced by bin/local for --observe: Debian's Prometheus (and Alertmanager when installed) on loopback, scraping the
# local gateway and users with the labels the cluster's ServiceMonitors give their series, evaluating the very rules
# the Pulumi program renders (bin/render of OBSERVE_STACK). Call after lib-local.sh.
#
# Settings (environment): PROMETHEUS_PORT (9090), ALERTMANAGER_PORT (9093), OBSERVE_STACK (dev).

: "${PROMETHEUS_PORT:=9090}" "${ALERTMANAGER_PORT:=9093}" "${OBSERVE_STACK:=dev}"
PROMETHEUS_PID="" ALERTMANAGER_PID="" ALERTMANAGER_BIN=""
SERVICES_NAMESPACE=users-platform # ClusterServices.NAMESPACE: the rules select it

# Fails early, saying what to install, when Prometheus is missing.
observe_require() {
  { command -v prometheus && command -v promtool; } >/dev/null 2>&1 ||
    die "--observe needs Prometheus: sudo apt-get install prometheus (Debian/Ubuntu; brings prometheus and promtool)"
  ALERTMANAGER_BIN=$(command -v prometheus-alertmanager || command -v alertmanager || true)
}

# Renders the stack offline and keeps the PrometheusRule's spec, which is a Prometheus rules file as it stands.
observe_rules() {
  local out="$RUN_DIR/render" manifest
  log_step "rendering the $OBSERVE_STACK stack for its alert rules (bin/render, about a minute)..."
  "$ROOT/bin/render" "$OBSERVE_STACK" "$out" >"$LOGS/render.log" 2>&1 ||
    { tail -n 20 "$LOGS/render.log" >&2; die "bin/render $OBSERVE_STACK failed (log: $LOGS/render.log)"; }
  manifest=$(grep -l '^kind: PrometheusRule$' "$out"/manifests/*.yaml | head -n 1) ||
    die "the $OBSERVE_STACK stack renders no PrometheusRule (observability.monitoringStack off?)"
  # spec is the manifest's last top-level key; its body, de-indented, is the rules file.
  sed -n '/^spec:$/,$p' "$manifest" | tail -n +2 | sed 's/^  //' >"$RUN_DIR/prometheus/rules.yaml"
  promtool check rules "$RUN_DIR/prometheus/rules.yaml" >"$LOGS/promtool.log" 2>&1 ||
    { cat "$LOGS/promtool.log" >&2; die "promtool rejects the rendered rules"; }
}

# One scrape job per service, relabelled like a ServiceMonitor target of the Service's "http" port: job and service
# are the Service's name, plus namespace, endpoint, pod and container.
# https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitorSpec (jobLabel)
scrape_job() {
  cat <<YAML
  - job_name: $1
    scrape_interval: 15s
    static_configs: [{targets: ["127.0.0.1:$2"]}]
    relabel_configs:
      - {target_label: namespace, replacement: $SERVICES_NAMESPACE}
      - {target_label: service, replacement: $1}
      - {target_label: endpoint, replacement: http}
      - {target_label: pod, replacement: $1-local}
      - {target_label: container, replacement: $1}
YAML
}

observe_config() {
  {
    printf 'global: {scrape_interval: 15s, evaluation_interval: 15s}\nrule_files: [rules.yaml]\n'
    if [[ -n $ALERTMANAGER_BIN ]]; then
      printf 'alerting:\n  alertmanagers: [{static_configs: [{targets: ["127.0.0.1:%s"]}]}]\n' "$ALERTMANAGER_PORT"
    fi
    printf 'scrape_configs:\n'
    scrape_job gateway "$GATEWAY_PORT"
    scrape_job users "$USERS_PORT"
  } >"$RUN_DIR/prometheus/prometheus.yml"
  promtool check config "$RUN_DIR/prometheus/prometheus.yml" >>"$LOGS/promtool.log" 2>&1 ||
    { cat "$LOGS/promtool.log" >&2; die "promtool rejects the generated prometheus.yml"; }
}

# Local Alertmanager: one receiver without integrations, so alerts show in its UI and go nowhere else.
observe_start_alertmanager() {
  [[ -n $ALERTMANAGER_BIN ]] || return 0
  mkdir -p "$RUN_DIR/alertmanager"
  printf 'route: {receiver: local-ui, group_by: [alertname, severity]}\nreceivers: [{name: local-ui}]\n' \
    >"$RUN_DIR/alertmanager/alertmanager.yml"
  "$ALERTMANAGER_BIN" --config.file="$RUN_DIR/alertmanager/alertmanager.yml" \
    --storage.path="$RUN_DIR/alertmanager/data" --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" \
    --cluster.listen-address= >>"$LOGS/alertmanager.log" 2>&1 &
  ALERTMANAGER_PID=$!
}

observe_start() {
  mkdir -p "$RUN_DIR/prometheus"
  observe_rules
  observe_config
  observe_start_alertmanager
  # exemplar-storage as in the cluster (kube-prometheus-stack values in Monitoring.java).
  prometheus --config.file="$RUN_DIR/prometheus/prometheus.yml" --storage.tsdb.path="$RUN_DIR/prometheus/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --enable-feature=exemplar-storage \
    >>"$LOGS/prometheus.log" 2>&1 &
  PROMETHEUS_PID=$!
  wait_ready prometheus "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" "$PROMETHEUS_PID"
  observe_wait_targets
  observe_check_metrics
}

# Waits (up to 30 s) for the first scrape of both targets.
observe_wait_targets() {
  local i up
  for ((i = 0; i < 60; i++)); do
    up=$(curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/targets?state=active" 2>/dev/null |
      grep -o '"health":"up"' | wc -l) || up=0
    ((up >= 2)) && return 0
    sleep 0.5
  done
  log_step "warning: Prometheus has not scraped both services yet (log: $LOGS/prometheus.log)"
}

# Every metric the rules select must be exposed by a target: a renamed metric in a service leaves a rule silently
# dead. kube-state-metrics series (kube_*) only exist in the cluster. Sets OBSERVE_DEAD to the names missing here.
observe_check_metrics() {
  local name count
  OBSERVE_DEAD=""
  for name in $(grep -oE '[a-zA-Z_][a-zA-Z0-9_]*\{' "$RUN_DIR/prometheus/rules.yaml" | tr -d '{' | sort -u); do
    [[ $name == kube_* ]] && continue
    count=$(curl -fsS -G "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/query" \
      --data-urlencode "query=count({__name__=\"$name\"})" | grep -o '"value":\[[^]]*\]' || true)
    [[ -n $count ]] || OBSERVE_DEAD+=" $name"
  done
  [[ -z $OBSERVE_DEAD ]] || log_step "warning: the rules select metrics no service exposes:$OBSERVE_DEAD"
}

observe_stop() {
  stop_process "$PROMETHEUS_PID"
  stop_process "$ALERTMANAGER_PID"
  PROMETHEUS_PID="" ALERTMANAGER_PID=""
}

# Banner lines for bin/local.
observe_summary() {
  local rules
  rules=$(grep -c -E '^ *(- )?(alert|record):' "$RUN_DIR/prometheus/rules.yaml" || true)
  echo "  prometheus http://127.0.0.1:$PROMETHEUS_PORT   targets: /targets   $rules rules of the $OBSERVE_STACK stack: /rules   alerts: /alerts"
  echo "  metrics  every metric the rules select is exposed${OBSERVE_DEAD:+ except$OBSERVE_DEAD} (kube_* only in the cluster)"
  [[ -z $ALERTMANAGER_PID ]] || echo "  alertmanager http://127.0.0.1:$ALERTMANAGER_PORT"
  echo "  an alert: freeze Redis (kill -STOP $REDIS_PID; kill -CONT resumes), send requests; RedisUnreachable fires in ~3 min"
}
