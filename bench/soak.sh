#!/usr/bin/env bash
# Soak benchmark (issue 9): the sample adapter under 70% of its measured maximum load for 10 phases while a
# fault-injecting upstream changes its fault every phase, with an unauthenticated connection flood in one phase.
#
#   bench/soak.sh [--minutes N] [--phase-seconds S] [--connections C] [--load-percent P] [--flood N]
#                 [--flood-phase I] [--jvm-opts "FLAGS"] [--no-build] [--repo DIR]
#
#   --minutes N         whole run, split into 10 phases (default: 10, so a minute per phase)
#   --phase-seconds S   seconds per phase instead (e.g. 12 for a 2-minute check that it all works)
#   --connections C     wrk connections (default: 32); 1 wrk thread
#   --load-percent P    offered load, percent of the measured maximum (default: 70)
#   --flood N           connections the flood holds (default: 600; server.max-tcp-connections is 1000 by default:
#                       a flood above it makes new connections, health probes included, wait in the accept queue)
#   --flood-phase I     the phase (0-9) with the flood (default: 3, the 5xx phase)
#   --jvm-opts FLAGS    JVM flags for the adapter (default: none, the JVM's ergonomics)
#   --no-build          use samples/petstore-greeter/target/petstore-greeter.jar as last packaged
#   --repo DIR          the Maven local repository for the build (default: Maven's own)
#
# Pieces (all on 127.0.0.1):
#   upstream   bench/soak/FaultUpstream.java (JDK only, a JVM of its own): the petstore's GET /v1/pets/{id} and the
#              greeter's SOAP endpoint; from the script's start signal its fault changes every phase: none, timeout,
#              reset, 5xx, slow-drip, malformed-json, malformed-xml, soap-fault, oversize, none (its header says what
#              each does to which path); it counts the requests it read per phase
#   adapter    the sample fat jar, embedded upstreams off, both services pointed at that upstream, with for the soak:
#              timeout-seconds 2, max-response-bytes 65536, circuit-breaker delay-seconds 5 (both services),
#              imcp.request-timeout-seconds 5, the audit to a file; other settings as shipped (retries 2, breaker
#              60% of 10, no bulkhead, server.max-tcp-connections 1000)
#   load       wrk with bench/soak/mix.lua: MCP tools/call of showPetById (REST) and greetMe (SOAP) in turn, unique
#              ids, one session, the demo API key. First the maximum: a warm-up run, then one run unthrottled against
#              the healthy upstream; then each phase runs at --load-percent of it. Debian has no wrk2, so the rate is
#              held by mix.lua's delay() (a schedule of 1/rate, see its header): connections waiting on slow answers
#              send nothing meanwhile, so the offered rate drops in the slow phases (closed loop, as wrk measures)
#   flood      bench/soak/flood.pl during --flood-phase: --flood held connections (idle, or an unfinished request
#              head without Authorization) plus up to 10 complete unauthenticated POST /mcp a second
#   probes     an MCP ping (the runtime has no /health route; ping is answered by the endpoint without an upstream)
#              on a new connection once a second, each allowed 5 s (the request deadline)
# Per phase: requests sent and answered, answers by cause (mix.lua: ok; JSON-RPC errors; isError by the cause its
# text names), what was lost to the adapter itself (not an MCP answer: an HTTP status other than 200, a socket
# error, no answer within wrk's 10 s timeout), p99, breaker transitions per service (from the audit: a run of
# 'limited' calls starts when the breaker opens; a call after it that succeeds means it closed), health probes
# answered/sent, and at the phase's end RSS, heap after a full GC (jcmd GC.run, read from -Xlog:gc), open fds and threads.
# Targets (issue 9): 0 requests lost to the adapter itself; flat heap (the last phase's heap after GC within 20% of
# the second phase's); listener alive throughout (every health probe answered). Needs wrk, curl and perl
# (apt-get install wrk curl); not run by CI.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MINUTES=10
PHASE_SECONDS=""
CONNECTIONS=32
LOAD_PERCENT=70
FLOOD=600
FLOOD_PHASE=3
JVM_OPTS=""
BUILD=1
REPO_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --phase-seconds) PHASE_SECONDS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --load-percent) LOAD_PERCENT=$2; shift 2 ;;
    --flood) FLOOD=$2; shift 2 ;;
    --flood-phase) FLOOD_PHASE=$2; shift 2 ;;
    --jvm-opts) JVM_OPTS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --repo) REPO_ARGS=("-Dmaven.repo.local=$2"); shift 2 ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
for n in MINUTES CONNECTIONS LOAD_PERCENT; do
  flag=${n,,}
  [[ "${!n}" =~ ^[1-9][0-9]*$ ]] || { echo "--${flag//_/-} takes a positive number, not '${!n}'" >&2; exit 2; }
done
[[ "$FLOOD" =~ ^[0-9]+$ ]] || { echo "--flood takes a number of connections, not '$FLOOD'" >&2; exit 2; }
[[ "$FLOOD_PHASE" =~ ^[0-9]$ ]] || { echo "--flood-phase takes 0 to 9, not '$FLOOD_PHASE'" >&2; exit 2; }
PHASES=10
PHASE_SECONDS=${PHASE_SECONDS:-$((MINUTES * 60 / PHASES))}
[[ "$PHASE_SECONDS" =~ ^[1-9][0-9]*$ ]] && [ "$PHASE_SECONDS" -ge 6 ] \
  || { echo "--phase-seconds takes at least 6 seconds, not '$PHASE_SECONDS'" >&2; exit 2; }
for tool in wrk curl perl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install wrk curl perl" >&2; exit 2; }
done

[ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
. "$ROOT/bench/sample-jar.sh"

WORK="$ROOT/target/bench-soak"
rm -rf "$WORK"
mkdir -p "$WORK"
PIDS=()
cleanup() {
  touch "$WORK/stop-probes" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

now_ns() { date +%s%N; }
sleep_until() { # epoch ns
  local left=$(( $1 - $(now_ns) ))
  [ "$left" -gt 0 ] && sleep "$(awk -v n="$left" 'BEGIN { printf "%.3f", n / 1e9 }')"
  return 0
}

# --- the fault-injecting upstream ---
java "$ROOT/bench/soak/FaultUpstream.java" --phase-seconds "$PHASE_SECONDS" --oversize-bytes 131072 \
  > "$WORK/upstream.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q '^port=' "$WORK/upstream.log" && break; sleep 0.1; done
UP_PORT=$(sed -n 's/^port=//p' "$WORK/upstream.log")
[ -n "$UP_PORT" ] || { echo "the upstream did not start:" >&2; cat "$WORK/upstream.log" >&2; exit 1; }
UP="http://127.0.0.1:$UP_PORT"

# --- the adapter ---
KEY=imcp-demo-key
VERSION=2025-06-18
PORT=$(free_port)
SERVICE_PROPS=()
for s in petstore hello_world; do
  SERVICE_PROPS+=("-Dimcp.services.$s.timeout-seconds=2" "-Dimcp.services.$s.max-response-bytes=65536"
    "-Dimcp.services.$s.resilience.circuit-breaker.delay-seconds=5")
done
# shellcheck disable=SC2086 # JVM_OPTS is a list of flags
java $JVM_OPTS -Xlog:gc:file="$WORK/gc.log" -Dserver.port="$PORT" -Dsample.embedded-upstreams=false \
  -Dimcp.services.petstore.url="$UP/v1" -Dimcp.services.adoptions.url="$UP/v1" \
  -Dimcp.services.hello_world.ports.SoapPort.url="$UP/greeter" -Dimcp.request-timeout-seconds=5 \
  -Dimcp.audit.file="$WORK/audit.jsonl" "${SERVICE_PROPS[@]}" -jar "$JAR" > "$WORK/adapter.log" 2>&1 &
ADAPTER_PID=$!
PIDS+=("$ADAPTER_PID")

mcp() { # session body -> response body (headers to $WORK/headers)
  curl -s -m 10 -D "$WORK/headers" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -H "Authorization: Bearer $KEY" \
    -H "MCP-Protocol-Version: $VERSION" ${1:+-H "Mcp-Session-Id: $1"} --data "$2" "http://127.0.0.1:$PORT/mcp"
}
open_session() {
  mcp "" '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"'$VERSION'","capabilities":{},"clientInfo":{"name":"soak","version":"1"}}}' >/dev/null
  local session
  session=$(tr -d '\r' < "$WORK/headers" | sed -n 's/^[Mm][Cc][Pp]-[Ss]ession-[Ii]d: //p')
  mcp "$session" '{"jsonrpc":"2.0","method":"notifications/initialized"}' >/dev/null
  echo "$session"
}
perl -MIO::Socket::INET -e 'for (1 .. 12000) { exit 0 if IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]");
  select(undef, undef, undef, 0.01) } exit 1' "$PORT" 2>/dev/null \
  || { echo "the adapter did not start:" >&2; cat "$WORK/adapter.log" >&2; exit 1; }
SESSION=$(open_session 2>/dev/null || true)
[ -n "$SESSION" ] || { echo "the adapter did not open a session:" >&2; cat "$WORK/adapter.log" >&2; exit 1; }
# The first calls load the REST and SOAP paths' classes, which on a busy machine can pass the 5 s deadline.
for tool in showPetById greetMe; do
  args='{"petId":"1"}' expect='"Rex"'
  [ "$tool" = greetMe ] && args='{"requestType":"soak"}' expect='Hello soak'
  for attempt in $(seq 1 10); do
    check=$(mcp "$SESSION" '{"jsonrpc":"2.0","id":'$attempt',"method":"tools/call","params":{"name":"'$tool'","arguments":'"$args"'}}' || true)
    echo "$check" | grep -q "$expect" && break
    [ "$attempt" = 10 ] && { echo "$tool did not reach the upstream: $check" >&2; exit 1; }
    sleep 1
  done
done

run_wrk() { # seconds rate out-file
  SOAK_SESSION=$SESSION SOAK_KEY=$KEY SOAK_VERSION=$VERSION SOAK_RATE=$2 SOAK_THREADS=1 \
    wrk -t1 -c"$CONNECTIONS" -d"$1s" --timeout 10s -s "$ROOT/bench/soak/mix.lua" "http://127.0.0.1:$PORT/mcp" > "$3" 2>&1 || true
}
result() { # file key -> value (0 when absent)
  sed -n 's/^RESULT //p' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { v = $2 } END { print v + 0 }'
}

# --- the maximum load, against the healthy upstream (before the schedule starts) ---
MAX_SECONDS=$(( PHASE_SECONDS < 10 ? PHASE_SECONDS : 10 ))
echo "measuring the maximum load (${MAX_SECONDS} s warm-up, ${MAX_SECONDS} s measured, $CONNECTIONS connections) ..." >&2
run_wrk "$MAX_SECONDS" 0 "$WORK/max-warmup.log"
run_wrk "$MAX_SECONDS" 0 "$WORK/max.log"
MAX_RPS=$(awk -v r="$(result "$WORK/max.log" requests)" -v d="$(result "$WORK/max.log" duration_us)" \
  'BEGIN { printf "%.0f", (d > 0 ? r / (d / 1e6) : 0) }')
[ "$MAX_RPS" -gt 0 ] || { echo "the maximum load run answered nothing:" >&2; cat "$WORK/max.log" >&2; exit 1; }
RATE=$(( MAX_RPS * LOAD_PERCENT / 100 ))
[ "$RATE" -ge 1 ] || RATE=1
echo "maximum $MAX_RPS req/s (p99 $(( $(result "$WORK/max.log" p99_us) / 1000 )) ms); soak at $RATE req/s" >&2

# --- per-phase samples: RSS, heap after a full GC, open fds, threads ---
heap_after_gc() { # -> MiB after the full GC it just asked for ("Pause Full (Diagnostic Command) 41M->17M(68M)")
  local pattern='Pause Full \((Diagnostic Command|System.gc\(\))\)' before
  before=$(grep -cE "$pattern" "$WORK/gc.log" 2>/dev/null || true)
  jcmd "$ADAPTER_PID" GC.run > /dev/null 2>&1 || { echo "-"; return 0; }
  for _ in $(seq 1 50); do
    [ "$(grep -cE "$pattern" "$WORK/gc.log" || true)" -gt "${before:-0}" ] && break
    sleep 0.1
  done
  { grep -E "$pattern" "$WORK/gc.log" || true; } | tail -n1 | sed -n 's/.*->\([0-9]*\)\([KMG]\)(.*/\1 \2/p' \
    | awk '{ v = $1; if ($2 == "K") v /= 1024; if ($2 == "G") v *= 1024; printf "%.0f", v }'
}
sample() { # label -> "label rss_mib heap_mib fds threads"
  local rss fds threads heap
  rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$ADAPTER_PID/status")
  threads=$(awk '/^Threads/ { print $2 }' "/proc/$ADAPTER_PID/status")
  fds=$(ls "/proc/$ADAPTER_PID/fd" | wc -l)
  heap=$(heap_after_gc)
  echo "$1 $rss ${heap:--} $fds $threads"
}
sample start > "$WORK/samples"

# --- health probes: an MCP ping on a new connection once a second, each in the background, 5 s allowed ---
probe_loop() {
  local n=0 next
  next=$(now_ns)
  while [ ! -f "$WORK/stop-probes" ]; do
    n=$((n + 1))
    ( t=$(now_ns)
      rc=0
      out=$(curl -s -m 5 -w '\n%{http_code} %{time_total}' -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' -H "Authorization: Bearer $KEY" \
        -H "MCP-Protocol-Version: $VERSION" -H "Mcp-Session-Id: $SESSION" \
        --data '{"jsonrpc":"2.0","id":"probe-'$n'","method":"ping"}' "http://127.0.0.1:$PORT/mcp" 2>/dev/null) || rc=$?
      # ok: "<t> ok <seconds>"; a failure: "<t> fail - curl=<exit code> http=<status> s=<seconds>" (curl 28: 5 s passed)
      last=$(echo "$out" | tail -n1)
      if echo "$out" | grep -q '"result"'; then echo "$t ok ${last#* }"
      else echo "$t fail - curl=$rc http=${last%% *} s=${last#* }"; fi >> "$WORK/probes" ) &
    # a loop that fell behind (a busy machine) goes on from now rather than sending the missed probes at once
    next=$((next + 1000000000))
    [ "$next" -lt "$(now_ns)" ] && next=$(( $(now_ns) + 1000000000 ))
    sleep_until "$next"
  done
  wait
}

# --- the phases ---
NAMES=(none timeout reset 5xx slow-drip malformed-json malformed-xml soap-fault oversize none)
curl -s "$UP/control/start" > /dev/null
T0=$(now_ns)
T0_SOD=$(date -u -d "@$(awk -v t="$T0" 'BEGIN { printf "%.3f", t / 1e9 }')" +%H:%M:%S.%N \
  | awk -F: '{ printf "%.3f", $1 * 3600 + $2 * 60 + $3 }')
echo "$T0" > "$WORK/t0"
probe_loop &
PROBE_PID=$!
PIDS+=("$PROBE_PID")
echo "soak: $PHASES phases of $PHASE_SECONDS s at $RATE req/s; flood of $FLOOD connections in phase $FLOOD_PHASE" >&2
for i in $(seq 0 $((PHASES - 1))); do
  sleep_until $((T0 + i * PHASE_SECONDS * 1000000000))
  echo "  phase $i ${NAMES[$i]} ..." >&2
  FLOOD_PID=""
  if [ "$i" = "$FLOOD_PHASE" ] && [ "$FLOOD" -gt 0 ]; then
    perl "$ROOT/bench/soak/flood.pl" "$PORT" "$FLOOD" $((PHASE_SECONDS - 1)) > "$WORK/flood.log" 2>&1 &
    FLOOD_PID=$!
  fi
  # wrk stops a second before the phase ends (whole seconds), so that a late start does not shift later phases
  # against the upstream's clock; the sample (a full GC) runs in the background, one at a time
  end=$((T0 + (i + 1) * PHASE_SECONDS * 1000000000))
  seconds=$(( (end - $(now_ns)) / 1000000000 - 1 ))
  [ "$seconds" -ge 1 ] || seconds=1
  run_wrk "$seconds" "$RATE" "$WORK/phase-$i.log"
  [ -n "$FLOOD_PID" ] && wait "$FLOOD_PID" || true
  ( flock 9; sample "$i" >> "$WORK/samples" ) 9> "$WORK/sample.lock" &
done
sleep_until $((T0 + PHASES * PHASE_SECONDS * 1000000000))
flock "$WORK/sample.lock" true
touch "$WORK/stop-probes"
wait "$PROBE_PID" 2>/dev/null || true
sleep 2   # probes still out, audit lines still queued
curl -s "$UP/control/stats" > "$WORK/upstream-stats"

# --- breaker transitions from the audit: per phase and service, "open" and "closed" counts ---
awk -v t0="$T0_SOD" -v s="$PHASE_SECONDS" '{
    if (match($0, /"timestamp":"[^"]*T[0-9:.]*/) == 0) next
    ts = substr($0, RSTART, RLENGTH); sub(/.*T/, "", ts); split(ts, hms, ":")
    sod = hms[1] * 3600 + hms[2] * 60 + hms[3]
    if (sod < t0 - 43200) sod += 86400
    svc = "-"; st = "-"
    if (match($0, /"service":"[^"]*"/)) svc = substr($0, RSTART + 11, RLENGTH - 12)
    if (match($0, /"status":"[^"]*"/)) st = substr($0, RSTART + 10, RLENGTH - 11)
    printf "%.3f %s %s\n", sod, svc, st }' "$WORK/audit.jsonl" 2>/dev/null | sort -n \
  | awk -v t0="$T0_SOD" -v s="$PHASE_SECONDS" '{
    p = int(($1 - t0) / s); if ($1 < t0) p = -1; if (p > 9) p = 9
    if ($3 == "limited" && !open[$2]) { open[$2] = 1; opened[p, $2]++ }
    else if ($3 != "limited" && open[$2]) { open[$2] = 0; if ($3 == "ok") closed[p, $2]++; else failed[p, $2]++ }
    calls[p]++ }
    END { for (p = -1; p <= 9; p++) {
      line = ""
      for (k in opened) { split(k, a, SUBSEP); if (a[1] == p) svc[a[2]] = 1 }
      for (k in closed) { split(k, a, SUBSEP); if (a[1] == p) svc[a[2]] = 1 }
      for (k in failed) { split(k, a, SUBSEP); if (a[1] == p) svc[a[2]] = 1 }
      for (v in svc) line = line sprintf("%s%s o%d/c%d", line == "" ? "" : " ", v == "hello_world" ? "soap" : v == "petstore" ? "rest" : v, opened[p, v], closed[p, v])
      delete svc
      printf "%d %d %s\n", p, calls[p], line == "" ? "-" : line } }' > "$WORK/breaker"

# --- the tables ---
probes_of() { # phase -> "ok/sent" and the slowest answer, e.g. "12/12 0.4s"
  awk -v t0="$T0" -v s="$PHASE_SECONDS" -v p="$1" '{ q = int(($1 - t0) / (s * 1e9)); if (q > 9) q = 9
    if (q == p) { n++; if ($2 == "ok") { ok++; if ($3 > max) max = $3 } } }
    END { printf "%d/%d %.1fs\n", ok, n, max }' "$WORK/probes"
}
LOST_TOTAL=0
RPC_TOTAL=0
LOAD_BEFORE=$(uptime)
printf '\n%-2s %-14s | %7s %7s %6s | %-52s | %5s %8s | %-13s | %s\n' "#" "phase" "sent" "answers" "p99 ms" \
  "answers by cause (isError cause; rpc_: JSON-RPC error)" "lost" "in fl." "probes (max)" "breaker (audit: o=opened c=closed)"
printf '%s\n' "------------------------------------------------------------------------------------------------------------------------------------------------"
for i in $(seq 0 $((PHASES - 1))); do
  f="$WORK/phase-$i.log"
  sent=$(result "$f" sent); answers=$(result "$f" requests); p99=$(result "$f" p99_us)
  causes=$(sed -n 's/^RESULT //p' "$f" | tr ' ' '\n' | sed -n 's/^c\.//p' | sort | tr '\n' ' ')
  http_lost=$(sed -n 's/^RESULT //p' "$f" | tr ' ' '\n' | awk -F= '$1 ~ /^c\.(http_|unparsed)/ { n += $2 } END { print n + 0 }')
  rpc=$(sed -n 's/^RESULT //p' "$f" | tr ' ' '\n' | awk -F= '$1 ~ /^c\.rpc_/ { n += $2 } END { print n + 0 }')
  sock=$(( $(result "$f" connect) + $(result "$f" read) + $(result "$f" write) + $(result "$f" timeout) ))
  lost=$(( http_lost + sock ))
  inflight=$(( sent - answers - $(result "$f" read) - $(result "$f" write) ))
  LOST_TOTAL=$(( LOST_TOTAL + lost )); RPC_TOTAL=$(( RPC_TOTAL + rpc ))
  probes=$(probes_of "$i")
  breaker=$(awk -v p="$i" '$1 == p { $1 = ""; $2 = ""; sub(/^  /, ""); print }' "$WORK/breaker")
  printf '%-2s %-14s | %7s %7s %6.1f | %-52s | %5s %8s | %-13s | %s\n' "$i" "${NAMES[$i]}" "$sent" "$answers" \
    "$(awk -v u="$p99" 'BEGIN { print u / 1000 }')" "${causes:--}" "$lost" "$inflight" "$probes" "${breaker:--}"
  [ "$lost" -gt 0 ] && echo "     lost: $(sed -n 's/^RESULT //p' "$f" | tr ' ' '\n' | grep -E '^(connect|read|write|timeout)=|^c\.(http_|unparsed)' | tr '\n' ' ')"
done
echo "what each cause said (its first answer; 'tool error' texts as the client got them):"
cat "$WORK"/phase-*.log | sed -n 's/^EXAMPLE //p' | awk '!seen[$1]++ { c = $1; sub(/^[^ ]* /, ""); printf "  %-12s %s\n", c, $0 }' | sort
[ -f "$WORK/flood.log" ] && echo "flood (phase $FLOOD_PHASE): $(sed -n 's/^FLOOD //p' "$WORK/flood.log")"
echo "upstream, requests read per phase: $(awk '$1 >= 0 { printf "%s%s:%s/%s", sep, $1, substr($3, 6), substr($4, 6); sep = " " }' "$WORK/upstream-stats") (rest/soap)"

printf '\n%-6s | %8s %15s %6s %8s\n' "sample" "RSS MiB" "heap after GC" "fds" "threads"
printf '%s\n' "-----------------------------------------------------"
while read -r label rss heap fds threads; do
  printf '%-6s | %8s %11s MiB %6s %8s\n' "$label" "$rss" "$heap" "$fds" "$threads"
done < <(awk '{ print ($1 == "start" ? -1 : $1), $0 }' "$WORK/samples" | sort -n | cut -d' ' -f2-)
echo "(samples at the end of each phase: 'start' after the maximum-load runs; each phase is a minute in the default run)"

# --- targets ---
PROBES_OK=$(awk '$2 == "ok" { n++ } END { print n + 0 }' "$WORK/probes")
PROBES_SENT=$(wc -l < "$WORK/probes")
HEAP2=$(awk '$1 == "1" { print $3 }' "$WORK/samples")
HEAPN=$(awk -v l=$((PHASES - 1)) '$1 == l { print $3 }' "$WORK/samples")
FDS0=$(awk '$1 == "start" { print $4 }' "$WORK/samples")
FDSN=$(awk -v l=$((PHASES - 1)) '$1 == l { print $4 }' "$WORK/samples")
HEAP_VERDICT=$(awk -v a="$HEAP2" -v b="$HEAPN" 'BEGIN { if (a == "" || a == "-" || b == "" || b == "-") { print "- MISSED (no sample)"; exit }
  d = (b - a) / a * 100; printf "%+.0f%% %s", d, (d <= 20 && d >= -100) ? "PASS" : "MISSED" }')
ALIVE=$(kill -0 "$ADAPTER_PID" 2>/dev/null && echo yes || echo no)
printf '\n%-44s | %-44s | %s\n' "target (issue 9)" "figure" "verdict"
printf '%s\n' "-----------------------------------------------------------------------------------------------------"
printf '%-44s | %-44s | %s\n' "0 requests lost to the adapter itself" "$LOST_TOTAL lost ($RPC_TOTAL JSON-RPC errors besides)" \
  "$([ "$LOST_TOTAL" = 0 ] && echo PASS || echo MISSED)"
printf '%-44s | %-44s | %s\n' "flat heap: last phase within 20% of 2nd" "${HEAP2:--} -> ${HEAPN:--} MiB after GC (${HEAP_VERDICT% *})" "${HEAP_VERDICT##* }"
printf '%-44s | %-44s | %s\n' "listener alive: every health probe answered" "$PROBES_OK/$PROBES_SENT probes answered; process alive: $ALIVE" \
  "$([ "$PROBES_OK" = "$PROBES_SENT" ] && [ "$ALIVE" = yes ] && echo PASS || echo MISSED)"
awk -v t0="$(cat "$WORK/t0")" '$2 == "fail" { printf "  failed probe at +%.1f s: %s %s %s\n", ($1 - t0) / 1e9, $4, $5, $6 }' \
  "$WORK/probes"
printf '%-44s | %-44s | %s\n' "(no leaked fds: end within start + 50)" "$FDS0 -> $FDSN open fds" \
  "$([ -n "$FDSN" ] && [ "$FDSN" -le $((FDS0 + 50)) ] && echo PASS || echo MISSED)"
printf '\nmaximum %s req/s at %s connections (p99 %s ms); soak at %s%%: %s req/s offered; %s phases of %s s\n' \
  "$MAX_RPS" "$CONNECTIONS" "$(( $(result "$WORK/max.log" p99_us) / 1000 ))" "$LOAD_PERCENT" "$RATE" "$PHASES" "$PHASE_SECONDS"
printf 'JDK: %s; JVM flags: %s; load at the end: %s; logs in %s\n' "$(java -version 2>&1 | head -n1)" \
  "${JVM_OPTS:-none}" "${LOAD_BEFORE##*load average: }" "$WORK"
