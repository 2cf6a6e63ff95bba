#!/usr/bin/env bash
# Serving benchmark (issue 8): throughput, latency and footprint of the sample adapter's tools/call, against the
# upstream called directly.
#
#   bench/serve.sh [--runs N] [--duration S] [--connections "16 64"] [--jvm-opts "FLAGS"] [--aot] [--no-build]
#                  [--repo DIR] [--rows "floor adapter soap"] [--jfr FILE]
#
#   --runs N            measured runs per row and connection count; the table shows the median run (default: 3)
#   --duration S        seconds per run; each row is warmed up by one run of the same length first (default: 10)
#   --connections LIST  wrk connection counts, one table block each (default: "16 64"); wrk uses 1 thread
#   --jvm-opts FLAGS    JVM flags for the adapter (default: none, the JVM's ergonomics)
#   --aot               JDK 25+: train an ahead-of-time cache first (-XX:AOTCacheOutput with the adapter's
#                       --training-run, as the README's "Start-up" says) and run every adapter with -XX:AOTCache
#   --no-build          use samples/petstore-greeter/target/petstore-greeter.jar as last packaged
#   --repo DIR          the Maven local repository for the build (default: Maven's own)
#   --rows LIST         which rows to measure (default: "floor ceiling adapter soap"; a ratio needs the floor row)
#   --jfr FILE          record the throughput adapter with JDK Flight Recorder (settings=profile) into FILE and
#                       print its hottest methods after the table (`jfr view hot-methods FILE` for more)
#
# Rows:
#   floor      wrk GET of the pet document from nginx (Debian package) on 127.0.0.1: the upstream alone
#   ceiling    wrk POST of the same body to bench/serve/Relay.java, a Helidon SE server that answers each with one
#              GET of that pet from nginx through Apache HttpClient: the adapter's two request-path libraries and
#              nothing else (no JSON-RPC, session, key, validation or audit), so the most an adapter built on them
#              can reach on this machine; its JVM gets the --jvm-opts flags, not the AOT cache
#   adapter    MCP tools/call showPetById through the sample adapter (fat jar, embedded upstreams off), whose
#              petstore service points at that nginx
#   soap       MCP tools/call greetMe through the same adapter, to a CXF endpoint in a JVM of its own
# Each tools/call has a unique JSON-RPC id, the session of an initialize the script sends first, and the demo API
# key (bench/serve/call.lua). Figures per row: req/s, p50, p99, errors (non-2xx and socket errors), adapter CPU
# per call (utime + stime of the adapter process, or the relay's, over the run / requests) and its RSS after the
# runs; the adapter row at 16 connections also gives its req/s as a share of the ceiling row's.
# Start-up: wall time from launching the adapter's JVM to its first answered tools/list (polled every 10 ms),
# median of --runs starts; idle RSS: VmRSS of a started adapter that answered that one tools/list and then idled 2 s.
# Targets (issue 8): adapter req/s at least 0.3x the floor and p99 at most 2 ms at 16 connections; first tools/list
# at most 0.6 s after JVM start; idle RSS at most 128 MiB. Needs nginx, wrk and curl (apt-get install nginx wrk).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=3
DURATION=10
CONNECTIONS="16 64"
JVM_OPTS=""
AOT=0
BUILD=1
REPO_ARGS=()
ROWS="floor ceiling adapter soap"
JFR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --jvm-opts) JVM_OPTS=$2; shift 2 ;;
    --aot) AOT=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --repo) REPO_ARGS=("-Dmaven.repo.local=$2"); shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --jfr) JFR=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "--runs takes a positive number, not '$RUNS'" >&2; exit 2; }
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || { echo "--duration takes seconds, not '$DURATION'" >&2; exit 2; }
for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] \
    || { echo "$tool is missing: apt-get install nginx wrk curl" >&2; exit 2; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

. "$ROOT/bench/sample-jar.sh"

WORK="$ROOT/target/bench-serve"
rm -rf "$WORK"
mkdir -p "$WORK/nginx/www/v1/pets" "$WORK/nginx/logs"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT


# --- the upstreams: nginx serving the pet, the CXF greeter in its own JVM ---
NGINX_PORT=$(free_port)
printf '{"id":1,"name":"Rex","tag":"dog"}' > "$WORK/nginx/www/v1/pets/1"
cat > "$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp-body;
  proxy_temp_path $WORK/nginx/tmp-proxy;
  fastcgi_temp_path $WORK/nginx/tmp-fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp-uwsgi;
  scgi_temp_path $WORK/nginx/tmp-scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/www;
    default_type application/json;
  }
}
EOF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx/start.log" \
  || { echo "nginx did not start:" >&2; cat "$WORK/nginx/start.log" >&2; exit 1; }
UPSTREAM_URL="http://127.0.0.1:$NGINX_PORT/v1"

java -cp "$JAR" "$ROOT/bench/serve/SoapUpstream.java" > "$WORK/soap-upstream.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q '^soap=' "$WORK/soap-upstream.log" && break; sleep 0.1; done
SOAP_URL=$(sed -n 's/^soap=//p' "$WORK/soap-upstream.log")
[ -n "$SOAP_URL" ] || { echo "the SOAP upstream did not start:" >&2; cat "$WORK/soap-upstream.log" >&2; exit 1; }

RELAY_PID=""
if [[ " $ROWS " == *" ceiling "* ]]; then
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags (the user's: the AOT cache below is the adapter's)
  java $JVM_OPTS -cp "$JAR" "$ROOT/bench/serve/Relay.java" "$UPSTREAM_URL/pets/1" > "$WORK/relay.log" 2>&1 &
  RELAY_PID=$!
  PIDS+=("$RELAY_PID")
  for _ in $(seq 1 300); do grep -q '^relay=' "$WORK/relay.log" && break; sleep 0.1; done
  RELAY_URL=$(sed -n 's/^relay=//p' "$WORK/relay.log")
  [ -n "$RELAY_URL" ] || { echo "the relay (ceiling row) did not start:" >&2; cat "$WORK/relay.log" >&2; exit 1; }
fi

KEY=imcp-demo-key
VERSION=2025-06-18

# Starts the adapter on PORT (embedded upstreams off, pointed at nginx and the CXF JVM); sets ADAPTER_PID.
start_adapter() { # port log
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags
  java $JVM_OPTS -Dserver.port="$1" -Dsample.embedded-upstreams=false \
    -Dimcp.services.petstore.url="$UPSTREAM_URL" -Dimcp.services.adoptions.url="$UPSTREAM_URL" \
    -Dimcp.services.hello_world.ports.SoapPort.url="$SOAP_URL" -jar "$JAR" > "$2" 2>&1 &
  ADAPTER_PID=$!
  PIDS+=("$ADAPTER_PID")
}

mcp() { # port session body -> response body (headers to $WORK/headers)
  curl -s -D "$WORK/headers" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Authorization: Bearer $KEY" -H "MCP-Protocol-Version: $VERSION" ${2:+-H "Mcp-Session-Id: $2"} \
    --data "$3" "http://127.0.0.1:$1/mcp"
}

open_session() { # port -> session id
  mcp "$1" "" '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"'$VERSION'","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' >/dev/null
  local session
  session=$(tr -d '\r' < "$WORK/headers" | sed -n 's/^[Mm][Cc][Pp]-[Ss]ession-[Ii]d: //p')
  mcp "$1" "$session" '{"jsonrpc":"2.0","method":"notifications/initialized"}' >/dev/null
  echo "$session"
}

cpu_ticks() { # pid -> utime + stime in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
rss_mib() { # pid
  awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}
HZ=$(getconf CLK_TCK)

# --- optional: an ahead-of-time cache (JDK 24+, JEP 483/514), trained on one short run ---
if [ "$AOT" = 1 ]; then
  port=$(free_port)
  saved=$JVM_OPTS
  JVM_OPTS="$saved -XX:AOTCacheOutput=$WORK/adapter.aot"
  # What a user does (README, "Start-up"): the adapter's own training run, which exits when done.
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags
  java $JVM_OPTS -Dsample.embedded-upstreams=false \
    -Dimcp.services.petstore.url="$UPSTREAM_URL" -Dimcp.services.adoptions.url="$UPSTREAM_URL" \
    -Dimcp.services.hello_world.ports.SoapPort.url="$SOAP_URL" -jar "$JAR" --training-run > "$WORK/aot-training.log" 2>&1 \
    || { echo "the training run failed:" >&2; tail "$WORK/aot-training.log" >&2; exit 1; }
  [ -f "$WORK/adapter.aot" ] || { echo "no AOT cache was written (JDK 24+ needed):" >&2; tail "$WORK/aot-training.log" >&2; exit 1; }
  JVM_OPTS="$saved -XX:AOTCache=$WORK/adapter.aot"
fi

# --- start-up and idle footprint ---
# The SOAP upstream and the relay were just launched from source: their JIT compilers keep both cores busy for some
# seconds after they answer. Start-up is the adapter's own figure, so wait (at most 20 s) until they have used less
# than 20 ms of CPU together in half a second; if they never do, say so and measure anyway.
quiet() { # pid...
  local pid before after
  for _ in $(seq 1 40); do
    before=0
    for pid in "$@"; do before=$((before + $(cpu_ticks "$pid" 2>/dev/null || echo 0))); done
    sleep 0.5
    after=0
    for pid in "$@"; do after=$((after + $(cpu_ticks "$pid" 2>/dev/null || echo 0))); done
    [ $(( (after - before) * 1000 / HZ )) -lt 20 ] && return 0
  done
  echo "note: the upstream JVMs were still busy after 20 s; start-up is measured anyway" >&2
  return 0
}
quiet "${PIDS[@]}"
STARTS=()
IDLE=""
for i in $(seq 1 "$RUNS"); do
  port=$(free_port)
  t0=$(date +%s%N)
  start_adapter "$port" "$WORK/start-$i.log"
  ok=""
  # Wait for the listener with one cheap process (a curl every 10 ms costs the starting JVM a good share of the
  # 2 cores and made start-up look up to 50% slower); then the first initialize and tools/list are timed as sent.
  perl -MIO::Socket::INET -e 'for (1 .. 6000) { exit 0 if IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]");
    select(undef, undef, undef, 0.005) } exit 1' "$port" 2>/dev/null || true
  for _ in $(seq 1 3000); do
    if session=$(open_session "$port" 2>/dev/null) && [ -n "$session" ] \
      && mcp "$port" "$session" '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' 2>/dev/null | grep -q '"tools"'; then
      ok=1
      break
    fi
    sleep 0.01
  done
  t1=$(date +%s%N)
  [ -n "$ok" ] || { echo "the adapter did not answer tools/list:" >&2; cat "$WORK/start-$i.log" >&2; exit 1; }
  STARTS+=("$(( (t1 - t0) / 1000000 ))")
  if [ "$i" = 1 ]; then
    sleep 2
    IDLE=$(rss_mib "$ADAPTER_PID")
  fi
  kill "$ADAPTER_PID"
  wait "$ADAPTER_PID" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
START_MS=$(median "${STARTS[@]}")

# --- throughput and latency ---
PORT=$(free_port)
saved=$JVM_OPTS
[ -n "$JFR" ] && JVM_OPTS="$JVM_OPTS -XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true"
start_adapter "$PORT" "$WORK/adapter.log"
JVM_OPTS=$saved
for _ in $(seq 1 3000); do
  SESSION=$(open_session "$PORT" 2>/dev/null || true)
  [ -n "$SESSION" ] && break
  sleep 0.01
done
[ -n "$SESSION" ] || { echo "the adapter did not start:" >&2; cat "$WORK/adapter.log" >&2; exit 1; }
check=$(mcp "$PORT" "$SESSION" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"showPetById","arguments":{"petId":"1"}}}')
echo "$check" | grep -q '"Rex"' || { echo "showPetById did not reach nginx: $check" >&2; exit 1; }
check=$(mcp "$PORT" "$SESSION" '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greetMe","arguments":{"requestType":"bench"}}}')
echo "$check" | grep -q '"isError":false' || { echo "greetMe did not reach the CXF endpoint: $check" >&2; exit 1; }

# One wrk run; prints "reqs_per_s p50_us p99_us errors cpu_us_per_call".
run_wrk() { # connections kind
  local c=$1 kind=$2 before after out pid=$ADAPTER_PID
  [ "$kind" = ceiling ] && pid=$RELAY_PID
  before=$(cpu_ticks "$pid")
  case "$kind" in
    floor) out=$(wrk -t1 -c"$c" -d"${DURATION}s" -s "$ROOT/bench/serve/get.lua" "$UPSTREAM_URL/pets/1") ;;
    ceiling) out=$(BENCH_SESSION="" BENCH_KEY=$KEY BENCH_VERSION=$VERSION BENCH_TOOL=showPetById \
      BENCH_ARGS='{"petId":"1"}' wrk -t1 -c"$c" -d"${DURATION}s" -s "$ROOT/bench/serve/call.lua" "$RELAY_URL") ;;
    adapter) out=$(BENCH_SESSION=$SESSION BENCH_KEY=$KEY BENCH_VERSION=$VERSION BENCH_TOOL=showPetById \
      BENCH_ARGS='{"petId":"1"}' wrk -t1 -c"$c" -d"${DURATION}s" -s "$ROOT/bench/serve/call.lua" "http://127.0.0.1:$PORT/mcp") ;;
    soap) out=$(BENCH_SESSION=$SESSION BENCH_KEY=$KEY BENCH_VERSION=$VERSION BENCH_TOOL=greetMe \
      BENCH_ARGS='{"requestType":"bench"}' wrk -t1 -c"$c" -d"${DURATION}s" -s "$ROOT/bench/serve/call.lua" "http://127.0.0.1:$PORT/mcp") ;;
  esac
  after=$(cpu_ticks "$pid")
  echo "$out" >> "$WORK/wrk.log"
  echo "$out" | sed -n 's/^RESULT //p' | awk -v kind="$kind" -v ticks=$((after - before)) -v hz="$HZ" '{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    rps = v["requests"] / (v["duration_us"] / 1e6)
    cpu = kind == "floor" ? 0 : ticks / hz * 1e6 / v["requests"]
    printf "%.0f %d %d %d %.0f\n", rps, v["p50_us"], v["p99_us"], v["errors"], cpu }'
}

LOAD_BEFORE=$(uptime)
printf '\n%-8s %5s | %10s %9s %9s %7s | %13s %9s | %s\n' "row" "conns" "req/s" "p50 ms" "p99 ms" "errors" \
  "CPU us/call" "RSS MiB" "vs target"
printf '%s\n' "-------------------------------------------------------------------------------------------------------"
declare -A FLOOR CEILING
for c in $CONNECTIONS; do
  for kind in $ROWS; do
    run_wrk "$c" "$kind" > /dev/null   # warm-up
    : > "$WORK/runs"
    for _ in $(seq 1 "$RUNS"); do run_wrk "$c" "$kind" >> "$WORK/runs"; done
    read -r rps p50 p99 errors cpu < <(sort -n "$WORK/runs" | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
    case "$kind" in floor) rss=- ;; ceiling) rss=$(rss_mib "$RELAY_PID") ;; *) rss=$(rss_mib "$ADAPTER_PID") ;; esac
    verdict=""
    [ "$kind" = ceiling ] && CEILING[$c]=$rps
    if [ "$kind" = floor ]; then
      FLOOR[$c]=$rps
    elif [ -z "${FLOOR[$c]:-}" ]; then
      verdict="(no floor row)"
    elif [ "$kind" = ceiling ]; then
      verdict="$(awk -v a="$rps" -v f="${FLOOR[$c]}" 'BEGIN { printf "%.2f", a / f }')x floor: the libraries alone"
    elif [ "$c" = 16 ] && [ "$kind" = adapter ]; then
      ratio=$(awk -v a="$rps" -v f="${FLOOR[$c]}" 'BEGIN { printf "%.2f", a / f }')
      verdict="${ratio}x floor (target >= 0.3x: $(awk -v r="$ratio" 'BEGIN { print (r >= 0.3 ? "met" : "MISSED") }'))"
      verdict="$verdict, p99 target <= 2 ms: $(awk -v p="$p99" 'BEGIN { print (p <= 2000 ? "met" : "MISSED") }')"
      [ -n "${CEILING[$c]:-}" ] && verdict="$verdict; $(awk -v a="$rps" -v m="${CEILING[$c]}" 'BEGIN { printf "%.0f", 100 * a / m }')% of ceiling"
    else
      verdict="$(awk -v a="$rps" -v f="${FLOOR[$c]}" 'BEGIN { printf "%.2f", a / f }')x floor"
    fi
    printf '%-8s %5s | %10s %9.2f %9.2f %7s | %13s %9s | %s\n' "$kind" "$c" "$rps" \
      "$(awk -v u="$p50" 'BEGIN { print u / 1000 }')" "$(awk -v u="$p99" 'BEGIN { print u / 1000 }')" "$errors" \
      "$([ "$kind" = floor ] && echo - || echo "$cpu")" "$rss" "$verdict"
  done
done
printf '\nstart-up to first tools/list: %s ms (median of %s; target <= 600 ms: %s)\n' "$START_MS" "$RUNS" \
  "$([ "$START_MS" -le 600 ] && echo met || echo MISSED)"
printf 'idle RSS after start-up: %s MiB (target <= 128 MiB: %s)\n' "$IDLE" "$([ "$IDLE" -le 128 ] && echo met || echo MISSED)"
printf 'JDK: %s; JVM flags: %s; %s runs of %s s after a warm-up run; load before: %s\n' \
  "$(java -version 2>&1 | head -n1)" "${JVM_OPTS:-none}" "$RUNS" "$DURATION" "${LOAD_BEFORE##*load average: }"
if [ -n "$JFR" ]; then
  kill "$ADAPTER_PID"
  wait "$ADAPTER_PID" 2>/dev/null || true
  printf '\nJFR recording of the throughput adapter: %s\n' "$JFR"
  jfr view --width 160 hot-methods "$JFR" | head -n 30
fi
