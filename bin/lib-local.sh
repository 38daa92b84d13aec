# shellcheck shell=bash
# Sourced by bin/local and bench/*: runs Redis, users and gateway as local processes with production-like settings
# (Redis ACL app user + credentials file, API-key hash file, container JVM flags, JSON logs to files) in a private
# run directory. Call select_jdk (bin/lib.sh) first. All processes are children of the sourcing shell.
#
# Settings (environment):
#   GATEWAY_PORT (3000), USERS_PORT (3001), REDIS_PORT (6380: not 6379, so a system Redis does not clash)
#   API_KEY            the key clients send; generated when unset
#   REDIS_SERVER       redis-server binary to run; default: redis-server on PATH, else the one test-support bundles
#   REDIS_APPENDFSYNC  AOF fsync policy (everysec)
#   MEMORY_LIMIT       the container memory limit the JVMs size their heap from (512m, like the pods)
#   JAVA_OPTS          extra JVM flags for both services, appended to the image flags
#   JVM_ARCHIVE        "off": no class data sharing archive (by default a training run creates one per run directory)
#   RATE_LIMIT_RPS, RATE_LIMIT_BURST and the other service settings pass through when exported
#   SKIP_BUILD=1       use the jars as they are when both exist

: "${GATEWAY_PORT:=3000}" "${USERS_PORT:=3001}" "${REDIS_PORT:=6380}"
: "${REDIS_APPENDFSYNC:=everysec}" "${MEMORY_LIMIT:=512m}"
REDIS_APP_USER="users-app"
# The flags the container images use: the file both services share (the training run swaps it for its own copy),
# then the service's own (its heap).
JVM_FLAGS_FILE="$ROOT/services/jvm/jvm.flags"
# image_jvm_flags SERVICE: the JVM flags of SERVICE's image, one per line, with MaxRAM standing in for the container's
# memory limit.
image_jvm_flags() {
  printf '%s\n' "@$JVM_FLAGS_FILE" "@$ROOT/services/jvm/$1.flags" "-XX:MaxRAM=$MEMORY_LIMIT"
}
USERS_JAR="$ROOT/services/users/target/users.jar"
GATEWAY_JAR="$ROOT/services/gateway/target/gateway.jar"
REDIS_PID="" USERS_PID="" GATEWAY_PID=""

log_step() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Creates the private run directory (mode 700; secrets inside are mode 600) and sets RUN_DIR, SECRETS, LOGS.
local_init() {
  command -v curl >/dev/null || die "curl is required"
  umask 077
  RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/users-platform.XXXXXX")
  SECRETS="$RUN_DIR/secrets" LOGS="$RUN_DIR/logs"
  mkdir -p "$SECRETS" "$LOGS" "$RUN_DIR/redis"
}

# local_check_port NAME: fails with a clear message when the port in variable NAME is already taken.
local_check_port() {
  local port=${!1}
  [[ $port =~ ^[0-9]+$ ]] || die "$1 must be a port number, got '$port'"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port ($1) is already in use on 127.0.0.1; stop what uses it or set $1 to a free port"
  fi
}
local_check_ports() {
  local name
  for name in GATEWAY_PORT USERS_PORT REDIS_PORT; do local_check_port "$name"; done
}

# ./mvnw -q -B ARGS, without the JDK 24+ warnings about Maven's own use of sun.misc.Unsafe.
quiet_maven() {
  local opts=${MAVEN_OPTS:-}
  (($(java_major "$JAVA_HOME/bin/java") >= 24)) && opts="--sun-misc-unsafe-memory-access=allow $opts"
  MAVEN_OPTS=$opts ./mvnw -q -B "$@"
}

# Builds both services unless their jars are newer than every source and POM they are built from.
local_build() {
  local oldest=$USERS_JAR
  if [[ -f $USERS_JAR && -f $GATEWAY_JAR ]]; then
    [[ ${SKIP_BUILD:-0} == 1 ]] && return 0
    [[ $GATEWAY_JAR -ot $USERS_JAR ]] && oldest=$GATEWAY_JAR
    if [[ -z $(find "$ROOT/pom.xml" "$ROOT/.mvn" "$ROOT/services" "$ROOT/test-support" \
                 -name target -prune -o -type f -newer "$oldest" -print -quit) ]]; then
      return 0
    fi
  fi
  log_step "building users and gateway (the first run downloads Maven and the dependencies: a few minutes)..."
  (cd "$ROOT" && quiet_maven -pl services/users,services/gateway,test-support -am package -DskipTests) \
    || die "build failed (see above)"
}

# Copies both services (jar + libs/) into the run directory, so a rebuild in the working tree cannot change the
# classes under a running JVM.
local_stage() {
  local service
  for service in users gateway; do
    mkdir -p "$RUN_DIR/app/$service/jvm-archive"
    cp -R "$ROOT/services/$service/target/$service.jar" "$ROOT/services/$service/target/libs" "$RUN_DIR/app/$service/"
  done
  USERS_JAR="$RUN_DIR/app/users/users.jar" GATEWAY_JAR="$RUN_DIR/app/gateway/gateway.jar"
}

# Prints the redis-server to run: REDIS_SERVER, else PATH, else the binary test-support ships (cached in target/).
local_redis_binary() {
  if [[ -n ${REDIS_SERVER:-} ]]; then
    [[ -x $REDIS_SERVER ]] || die "REDIS_SERVER=$REDIS_SERVER is not executable"
    echo "$REDIS_SERVER"
  elif command -v redis-server; then
    :
  else
    local cache="$ROOT/target/local-redis" classpath
    if [[ ! -x $cache/redis-server ]]; then
      log_step "no redis-server on PATH: using the one the build supplies (test-support)"
      classpath=$(mktemp)
      (cd "$ROOT" && quiet_maven -pl test-support dependency:build-classpath -Dmdep.outputFile="$classpath") \
        || die "cannot resolve test-support's classpath"
      java -cp "$ROOT/test-support/target/classes:$(cat "$classpath")" \
        com.usersplatform.testing.RedisBinaryExport "$cache" >/dev/null || die "cannot extract redis-server"
      rm -f "$classpath"
    fi
    echo "$cache/redis-server"
  fi
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
sha256_hex() {
  if command -v sha256sum >/dev/null; then printf %s "$1" | sha256sum | cut -d' ' -f1
  else printf %s "$1" | shasum -a 256 | cut -d' ' -f1; fi
}

# Writes the app credentials file (the shape of the Secrets Manager secret) atomically, like a Kubernetes
# secret volume update: a new file renamed over the old one.
write_credentials() {
  local file="$SECRETS/redis-credentials.json"
  printf '{"username":"%s","password":"%s","user_arn":"local"}\n' "$REDIS_APP_USER" "$1" >"$file.new"
  mv -f "$file.new" "$file"
}

# Generates the ACL passwords, the Redis config (password hashes only), the credentials file and the API-key file.
local_secrets() {
  local app_password admin_password
  app_password=$(random_hex 24) admin_password=$(random_hex 24)
  printf '%s' "$admin_password" >"$SECRETS/redis-admin.pass"
  write_credentials "$app_password"
  CREDENTIALS_FILE="$SECRETS/redis-credentials.json"
  # The default user is locked with a password nobody knows (generated, never stored) rather than "off": Redis
  # before 7.2.12 replays MULTI/EXEC from the AOF with the default user's ACL, so with "off" every transaction is
  # silently dropped when Redis restarts (redis/redis#14541). admin is for drills and benchmarks; the app user gets
  # data commands, no admin ones.
  cat >"$RUN_DIR/redis/redis.conf" <<EOF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
dir $RUN_DIR/redis
appendonly yes
appendfsync $REDIS_APPENDFSYNC
save ""
user default on #$(sha256_hex "$(random_hex 32)") ~* &* +@all
user admin on #$(sha256_hex "$admin_password") ~* &* +@all
user $REDIS_APP_USER on #$(sha256_hex "$app_password") ~* -@all +@read +@write +@string +@hash +@set +@sortedset +@list +@keyspace +@transaction +@scripting +@connection -@dangerous +info
EOF
  API_KEY=${API_KEY:-local_$(random_hex 20)}
  printf '# SHA-256 of the local API key (bin/local)\n%s\n' "$(sha256_hex "$API_KEY")" >"$SECRETS/api-keys.sha256"
  API_KEYS_FILE="$SECRETS/api-keys.sha256"
}

# Runs a Redis command as the admin user (needs redis-cli; benchmarks and drills only).
redis_admin() {
  REDISCLI_AUTH=$(cat "$SECRETS/redis-admin.pass") redis-cli --no-auth-warning -h 127.0.0.1 -p "$REDIS_PORT" \
    --user admin "$@"
}

# True when something answers RESP on the Redis port (an auth error is an answer: the default user is off).
redis_answers() {
  local reply
  { exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 1 reply <&3 || true
  exec 3<&- 3>&-
  [[ $reply == +PONG* || $reply == -NOAUTH* ]]
}

local_start_redis() {
  REDIS_BIN=${REDIS_BIN:-$(local_redis_binary)}
  "$REDIS_BIN" "$RUN_DIR/redis/redis.conf" >>"$LOGS/redis.log" 2>&1 &
  REDIS_PID=$!
  local i
  for ((i = 0; i < 100; i++)); do
    redis_answers && return 0
    kill -0 "$REDIS_PID" 2>/dev/null || { tail -n 20 "$LOGS/redis.log" >&2; die "redis-server exited"; }
    sleep 0.05
  done
  die "redis-server did not answer on port $REDIS_PORT within 5 s (log: $LOGS/redis.log)"
}

# Service version for logs and /health: the commit being run.
local_version() { git -C "$ROOT" describe --always --dirty 2>/dev/null || echo local; }

# The services' environment, as NAME=value lines (for env(1), or docker run -e in
# .github/scripts/train-image-archive): the names of the services' contract (UsersContract, GatewayContract,
# CommonContract in services/contract; ServiceEnvironmentTest there fails if a name here is not one of them).
# users_env REDIS_HOST REDIS_PORT CREDENTIALS_FILE, gateway_env USERS_URL API_KEYS_FILE; ports from USERS_PORT and
# GATEWAY_PORT.
users_env() {
  printf '%s\n' "SERVER_PORT=$USERS_PORT" "REDIS_HOST=$1" "REDIS_PORT=$2" "REDIS_TLS=false" \
    "REDIS_CREDENTIALS_FILE=$3" "SERVICE_VERSION=${SERVICE_VERSION:-$(local_version)}"
}
gateway_env() {
  printf '%s\n' "SERVER_PORT=$GATEWAY_PORT" "USERS_URL=$1" "API_KEYS_FILE=$2" \
    "SERVICE_VERSION=${SERVICE_VERSION:-$(local_version)}"
}

# users maps only the contract's variables (no SERVER_HOST), so the bind address goes in as a system property.
# shellcheck disable=SC2086 # JVM flag lists are meant to split
# Each JVM runs in its staged directory (like /app in the image), where the flags find jvm-archive/app.jsa.
local_start_users() {
  local vars flags
  mapfile -t vars < <(users_env 127.0.0.1 "$REDIS_PORT" "$CREDENTIALS_FILE")
  mapfile -t flags < <(image_jvm_flags users)
  (cd "$(dirname "$USERS_JAR")" &&
    exec env SERVER_HOST=127.0.0.1 "${vars[@]}" \
    java "${flags[@]}" -Dserver.host=127.0.0.1 ${JAVA_OPTS:-} ${USERS_JAVA_OPTS:-} -jar "$USERS_JAR" \
    >>"$LOGS/users.log" 2>&1) &
  USERS_PID=$!
}

# shellcheck disable=SC2086
local_start_gateway() {
  local vars flags
  mapfile -t vars < <(gateway_env "http://127.0.0.1:$USERS_PORT" "$API_KEYS_FILE")
  mapfile -t flags < <(image_jvm_flags gateway)
  (cd "$(dirname "$GATEWAY_JAR")" &&
    exec env SERVER_HOST=127.0.0.1 "${vars[@]}" \
    java "${flags[@]}" ${JAVA_OPTS:-} ${GATEWAY_JAVA_OPTS:-} -jar "$GATEWAY_JAR" >>"$LOGS/gateway.log" 2>&1) &
  GATEWAY_PID=$!
}

# Class data sharing, chosen by the JDK that runs the services; the flags file's one -XX:SharedArchiveFile= line
# (jvm-archive/app.jsa) names the file either way:
# - "aot" on JDK 25+: an AOT cache, classes loaded and linked ahead of time (JEP 483, https://openjdk.org/jeps/483)
#   and method profiles (JEP 515, https://openjdk.org/jeps/515), written by a training run with -XX:AOTCacheOutput
#   (JEP 514, https://openjdk.org/jeps/514): as the training JVM exits it starts a second JVM that assembles the
#   cache, and waits for it. A JDK 25 refuses -XX:AOTCacheOutput next to any -XX:SharedArchiveFile, so the training
#   run reads the flags file without that line (archive_training_flags_file). In the runs that follow,
#   -XX:SharedArchiveFile loads the AOT cache: -XX:AOTCache is its alias (https://github.com/openjdk/jdk/pull/24401),
#   and a JDK 21 still starts with the same flags file.
# - "cds" on JDK 21-24: a dynamic archive of the application's classes (-XX:ArchiveClassesAtExit) on top of the JDK's
#   own base archive (https://docs.oracle.com/en/java/javase/21/vm/class-data-sharing.html).
# Either is valid only for the JDK build and class path it was made with, so each is made where it runs: per run
# directory here, in the image by .github/scripts/train-image-archive.
archive_kind() { # JDK_MAJOR
  if (($1 >= 25)); then echo aot; else echo cds; fi
}

# archive_training_flags KIND OUTPUT JAVA_HOME: the flags (one per line) that make a training JVM write OUTPUT as it
# exits, on top of the flags file (for "aot", the one archive_training_flags_file writes). The dumps list what they
# leave out as warnings: only errors are worth showing.
archive_training_flags() {
  case $1 in
    aot) printf '%s\n' "-XX:AOTCacheOutput=$2" '-Xlog:aot*=error:stderr' ;;
    cds)
      [[ -f $3/lib/server/classes.jsa ]] && printf '%s\n' "-XX:SharedArchiveFile=$3/lib/server/classes.jsa"
      printf '%s\n' "-XX:ArchiveClassesAtExit=$2" '-Xlog:cds*=error:stderr' ;;
    *) die "unknown archive kind '$1'" ;;
  esac
}

# archive_training_flags_file KIND SOURCE DEST: writes the flags file of a training run: for "aot", SOURCE without its
# -XX:SharedArchiveFile= line (fails unless there is exactly one); for "cds", SOURCE unchanged (the training flags
# name the JDK's base archive after it, and the last one wins).
archive_training_flags_file() {
  if [[ $1 == aot ]]; then
    grep -v '^-XX:SharedArchiveFile=' "$2" >"$3" || true
    (($(grep -c '^-XX:SharedArchiveFile=' "$2") == 1)) ||
      die "$2 should name the archive on exactly one -XX:SharedArchiveFile= line"
  else
    cp "$2" "$3"
  fi
}

# The class data sharing files for this run directory's staged jars, made with the JDK that runs them: each service
# is started once with the training flags, sent a few requests, and stopped; the JVM writes jvm-archive/app.jsa as
# it exits. JVM_ARCHIVE=off skips this (the services then start without one).
local_archive() {
  [[ ${JVM_ARCHIVE:-on} == off ]] && return 0
  local kind train flags_file="$RUN_DIR/jvm-training.flags"
  kind=$(archive_kind "$(java_major "$JAVA_HOME/bin/java")")
  archive_training_flags_file "$kind" "$JVM_FLAGS_FILE" "$flags_file"
  train=$(archive_training_flags "$kind" jvm-archive/app.jsa "$JAVA_HOME" | tr '\n' ' ')
  if [[ $kind == aot ]]; then
    log_step "training run: AOT caches for users and gateway (JDK 25+)..."
  else
    log_step "training run: class data sharing archives for users and gateway..."
  fi
  JVM_FLAGS_FILE=$flags_file USERS_JAVA_OPTS="${USERS_JAVA_OPTS:-} $train" local_start_users
  wait_ready users "http://127.0.0.1:$USERS_PORT/health/ready" "$USERS_PID"
  JVM_FLAGS_FILE=$flags_file GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-} $train" local_start_gateway
  wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT/health/ready" "$GATEWAY_PID"
  archive_training_requests "http://127.0.0.1:$GATEWAY_PORT" "http://127.0.0.1:$USERS_PORT" "$API_KEY" ||
    log_step "training run incomplete: the archives hold the start-up classes only"
  # Written at exit; an AOT cache by a second JVM the first one waits for (~5-10 s here, hence the longer wait).
  stop_process "$GATEWAY_PID" 120
  stop_process "$USERS_PID" 120
  GATEWAY_PID="" USERS_PID=""
  local service
  for service in users gateway; do
    [[ -s $RUN_DIR/app/$service/jvm-archive/app.jsa ]] ||
      log_step "$service wrote no jvm-archive/app.jsa: it starts without one (log: $LOGS/$service.log)"
  done
}

# archive_training_requests GATEWAY_URL USERS_URL API_KEY: the requests of a training run (also the image build's,
# .github/scripts/train-image-archive): create, read, list and delete a user through the gateway, and both services'
# metrics, so the archive holds the classes of serving an API call, not only of starting. Fails when the create does.
archive_training_requests() {
  local gateway=$1 users=$2 key=$3 id
  id=$(curl -fsS -X POST -H "X-API-Key: $key" -H 'Content-Type: application/json' \
    -d '{"name":"Training Run","email":"training-run@example.com"}' "$gateway/api/users" |
    sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  [[ -n $id ]] || { log_step "training run: POST $gateway/api/users returned no id"; return 1; }
  curl -fs -o /dev/null -H "X-API-Key: $key" "$gateway/api/users/$id" || true
  curl -fs -o /dev/null -H "X-API-Key: $key" "$gateway/api/users?limit=5" || true
  curl -fs -o /dev/null -X DELETE -H "X-API-Key: $key" "$gateway/api/users/$id" || true
  curl -fs -o /dev/null "$gateway/metrics" || true
  curl -fs -o /dev/null "$users/metrics" || true
}

# Milliseconds since the epoch (without forking on bash 5).
now_ms() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local t=${EPOCHREALTIME//[.,]/}
    echo $((t / 1000))
  else
    echo "$(date +%s)000"
  fi
}

# wait_ready NAME URL PID [TIMEOUT_S]: polls URL until 200; fails with the log tail if PID dies or time runs out.
wait_ready() {
  local name=$1 url=$2 pid=$3 deadline=$(($(now_ms) + ${4:-60} * 1000))
  until curl -fs -o /dev/null --max-time 1 "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOGS/$name.log" >&2
      die "$name exited before it was ready (log: $LOGS/$name.log)"
    fi
    (($(now_ms) < deadline)) || die "$name not ready at $url after ${4:-60} s (log: $LOGS/$name.log)"
    sleep 0.02
  done
}

# stop_process PID [TIMEOUT_S]: SIGTERM (graceful shutdown), SIGKILL after the timeout; reaps the child.
stop_process() {
  local pid=$1 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true # it may be exiting already (Ctrl-C reaches Redis too)
  for ((i = 0; i < ${2:-10} * 20; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Stops gateway, users, then Redis, and removes the secrets (and the run directory unless KEEP_RUN_DIR=1).
local_stop_all() {
  stop_process "$GATEWAY_PID"
  stop_process "$USERS_PID"
  stop_process "$REDIS_PID"
  GATEWAY_PID="" USERS_PID="" REDIS_PID=""
  if [[ -n ${RUN_DIR:-} && -d $RUN_DIR ]]; then
    if [[ ${KEEP_RUN_DIR:-0} == 1 ]]; then
      rm -rf "$SECRETS" "$RUN_DIR/redis/redis.conf"
    else
      rm -rf "$RUN_DIR"
    fi
  fi
}

# Starts the whole system and waits until the gateway is ready; sets USERS_READY_MS and GATEWAY_READY_MS.
# shellcheck disable=SC2034 # read by the sourcing script
local_start_all() {
  local t0
  local_stage
  local_start_redis
  local_archive
  t0=$(now_ms)
  local_start_users
  wait_ready users "http://127.0.0.1:$USERS_PORT/health/ready" "$USERS_PID"
  USERS_READY_MS=$(($(now_ms) - t0))
  t0=$(now_ms)
  local_start_gateway
  wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT/health/ready" "$GATEWAY_PID"
  GATEWAY_READY_MS=$(($(now_ms) - t0))
}
