#!/usr/bin/env bash
# Generate + compile benchmark for the largest OpenAPI documents of the shared corpus (issue 7): kubernetes-swagger
# (1,062 operations), stripe-spec3, twilio-api-v2010 and box-platform.
#
#   bench/generate-openapi.sh [--corpus DIR] [--runs N] [--jvm-opts "FLAGS"] [--no-build] [--repo DIR]
#
#   --corpus DIR      the contract corpus (default: ../shared/corpus next to this checkout); bench only, tests never read it
#   --runs N          runs per contract; the table shows the median of each figure (default: 3)
#   --jvm-opts FLAGS  JVM flags for every run (default: none, the JVM's ergonomics)
#   --no-build        use imcp-codegen and imcp-runtime as last packaged under their target/ folders
#   --repo DIR        the Maven local repository (default: Maven's own, ~/.m2/repository)
#
# Each run is two fresh JVMs started from bench/GenerateBench.java, without Maven: "generate" runs iMCP's
# ImcpGenerator on the contract the way the Maven plugin does, "javac" then compiles every generated source with
# the JDK's javac (--release 21, -proc:none, imcp-runtime and its dependencies on the class path), the way
# maven-compiler-plugin does. Each half gets its own wall time, CPU time (user + sys) and peak RSS (GNU time; without
# it, bash's `time` and the JVM's VmHWM). "tools/list" is the size of the tools array the adapter publishes,
# compact JSON. Targets (issue 7): kubernetes-swagger generate + compile at most 60 s wall on the 2-core development
# machine, generation alone at most 10% of that. The load average is printed: the figures are only as quiet as the
# machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
bench_options "$@"
TOTAL_TARGET=60
SHARE_TARGET=10

WORK="$ROOT/target/bench-openapi"
bench_setup

# name | document, relative to the corpus
CASES=(
  "kubernetes-swagger|openapi/kubernetes-swagger/kubernetes/swagger.json.unprocessed"
  "stripe-spec3|openapi/stripe-spec3/openapi/spec3.json"
  "twilio-api-v2010|openapi/twilio-api-v2010/spec/json/twilio_api_v2010.json"
  "box-platform|openapi/box-platform/openapi/openapi.json"
)

# "wall cpu rss_kib" of one finished bench_java run (PREFIX), RSS from the launcher's hwm= when GNU time is absent.
figures() { # prefix
  local wall user sys rss
  read -r wall user sys rss < "$1.time"
  [ -n "${rss:-}" ] || rss=$(grep -o 'hwm=[0-9]*' "$1.log" | cut -d= -f2)
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss"
}

LOAD_BEFORE=$(uptime)
printf '\n%-19s %5s %6s %9s | %-22s | %-22s | %-22s | %s\n' "contract" "tools" "files" "tools/list" \
  "generate: wall/CPU s, MiB" "javac: wall/CPU s, MiB" "total wall s" "generate share"
printf '%s\n' "------------------------------------------------------------------------------------------------------------------------------------------"
for entry in "${CASES[@]}"; do
  name=${entry%%|*}
  contract="$CORPUS/${entry#*|}"
  if [ ! -f "$contract" ]; then
    printf '%-19s missing: %s\n' "$name" "$contract"
    continue
  fi
  : > "$WORK/$name.results"
  failed=""
  for i in $(seq 1 "$RUNS"); do
    echo "$name: run $i of $RUNS ..." >&2
    dir="$WORK/$name-$i.out"
    bench_java "$WORK/$name-$i-gen" generate "$contract" "$dir" || { failed="$WORK/$name-$i-gen.log"; break; }
    bench_java "$WORK/$name-$i-javac" javac "$dir" "$RUNTIME_CP" || { failed="$WORK/$name-$i-javac.log"; break; }
    gen=$(grep '^generate=' "$WORK/$name-$i-gen.log" | sed -e 's/ hwm=[0-9]*//' -e 's/[a-z]*=//g')
    echo "$(figures "$WORK/$name-$i-gen") $(figures "$WORK/$name-$i-javac") $gen" >> "$WORK/$name.results"
    rm -rf "$dir"
  done
  if [ -n "$failed" ]; then
    printf '%-19s FAILED (see %s)\n' "$name" "$failed"
    continue
  fi
  # columns: gen wall cpu rss | javac wall cpu rss | generate_ms read_ms files tools listbytes
  awk -v name="$name" -v total_target="$TOTAL_TARGET" -v share_target="$SHARE_TARGET" '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { n++; for (k = 1; k <= 11; k++) v[k, n] = $k }
    END {
      for (k = 1; k <= 11; k++) { for (i = 1; i <= n; i++) a[i] = v[k, i]; m[k] = median(a, n) }
      total = m[1] + m[4]; share = 100 * m[1] / total
      verdict = ""
      if (name == "kubernetes-swagger")
        verdict = sprintf("  (targets: total <= %d s %s, share <= %d%% %s)", total_target, total <= total_target ? "met" : "MISSED",
                          share_target, share <= share_target ? "met" : "MISSED")
      printf "%-19s %5d %6d %7.0f K | %5.1f / %5.1f, %5.0f | %5.1f / %5.1f, %5.0f | %22.1f | %4.0f%%%s\n", name, m[10], m[9],
        m[11] / 1024, m[1], m[2], m[3] / 1024, m[4], m[5], m[6] / 1024, total, share, verdict
    }' "$WORK/$name.results"
done
printf '\nmedian of %s runs; JDK %s, %s cores, JVM flags: %s; %s; logs under %s\n' "$RUNS" "$(java_major "$JAVA_HOME")" \
  "$(nproc)" "${JVM_OPTS:-none}" "$([ "$GNU_TIME" = 1 ] && echo "GNU time" || echo "bash time + VmHWM")" "$WORK"
printf 'load before: %s\nload after:  %s\n' "${LOAD_BEFORE##*load average: }" "$(uptime | sed 's/.*load average: //')"
