#!/usr/bin/env bash
# Rebuild benchmark: how long a clean generate+compile and a no-op rebuild take for the sample adapter and
# for the largest WSDL and OpenAPI contracts of the shared corpus, each alone in a fresh adapter project.
#
#   bench/rebuild.sh [--corpus DIR] [--no-install] [--repo DIR]
#
#   --corpus DIR   the contract corpus (default: ../shared/corpus next to this checkout); bench only, tests never read it
#   --no-install   use the iMCP already installed in the local repository instead of installing this checkout first
#   --repo DIR     the Maven local repository (default: Maven's own, ~/.m2/repository)
#
# Prints a table. Target (issue 5): the plugin's share of a no-op rebuild under 1 s. "plugin" is the
# imcp:generate goal's own time as it logs it; "maven" is the whole `mvnw compile` wall time, JVM start included.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS="$ROOT/../shared/corpus"
INSTALL=1
REPO_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) CORPUS=$2; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    --repo) REPO_ARGS=("-Dmaven.repo.local=$2"); shift 2 ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS; pass --corpus DIR" >&2; exit 2; }

. "$ROOT/.ci/jdk.sh"
export MAVEN_ARGS="-B -ntp"
MVN=("$ROOT/mvnw" "${REPO_ARGS[@]}")
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -n1)

if [ "$INSTALL" = 1 ]; then
  echo "installing iMCP $VERSION from $ROOT ..." >&2
  (cd "$ROOT" && "${MVN[@]}" -q install -DskipTests) >&2
fi

WORK="$ROOT/target/bench"
rm -rf "$WORK"
mkdir -p "$WORK"

# name | contract files (relative to the corpus, or ROOT: for the project's own)
CASES=(
  "sample (3 contracts)|ROOT:samples/petstore-greeter/src/main/contracts/hello_world.wsdl ROOT:samples/petstore-greeter/src/main/contracts/petstore.yaml ROOT:samples/petstore-greeter/src/main/contracts/adoptions.mcp.json"
  "WSDL virtualbox-vboxweb|wsdl/virtualbox-vboxweb/fixtures/vboxweb.wsdl"
  "OpenAPI stripe-spec3|openapi/stripe-spec3/openapi/spec3.json"
)

project() { # dir
  cat > "$1/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.imcp.bench</groupId>
  <artifactId>bench-adapter</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>21</maven.compiler.release>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>dev.imcp</groupId><artifactId>imcp-parent</artifactId><version>$VERSION</version><type>pom</type><scope>import</scope></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>dev.imcp</groupId><artifactId>imcp-runtime</artifactId><version>$VERSION</version></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
      <plugin>
        <groupId>dev.imcp</groupId><artifactId>imcp-maven-plugin</artifactId><version>$VERSION</version>
        <executions><execution><goals><goal>generate</goal></goals>
          <configuration><basePackage>dev.imcp.bench</basePackage></configuration></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
POM
}

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
plugin_time() { # log: the goal's own time from its summary line
  sed -n 's/.*\[INFO\] iMCP: .*(\([0-9.]*\) s)$/\1/p' "$1" | tail -n1
}
tools() { sed -n 's/.*\[INFO\] iMCP: [0-9]* contract(s), \([0-9]*\) tool(s).*/\1/p' "$1" | tail -n1; }

printf '\n%-26s %9s %6s | %-22s | %-22s | %s\n' "case" "size" "tools" "clean: plugin / maven" "no-op: plugin / maven" "target: no-op plugin < 1 s"
printf '%s\n' "---------------------------------------------------------------------------------------------------------------------------"
for entry in "${CASES[@]}"; do
  name=${entry%%|*}
  files=${entry#*|}
  dir="$WORK/$(echo "$name" | tr -c 'A-Za-z0-9\n' '-')"
  mkdir -p "$dir/src/main/contracts"
  bytes=0
  for f in $files; do
    case "$f" in ROOT:*) src="$ROOT/${f#ROOT:}" ;; *) src="$CORPUS/$f" ;; esac
    cp "$src" "$dir/src/main/contracts/"
    bytes=$((bytes + $(stat -c %s "$src")))
  done
  project "$dir"
  t0=$(now)
  if ! "${MVN[@]}" -f "$dir/pom.xml" compile > "$dir/clean.log" 2>&1; then
    printf '%-26s %8sK %6s | %-22s | %-22s | %s\n' "$name" "$((bytes / 1024))" "-" "FAILED (see $dir/clean.log)" "-" "-"
    continue
  fi
  t1=$(now)
  "${MVN[@]}" -o -f "$dir/pom.xml" compile > "$dir/noop.log" 2>&1
  t2=$(now)
  grep -q 'nothing to generate' "$dir/noop.log" || echo "warning: $name: the second build was not a no-op (see $dir/noop.log)" >&2
  noop_plugin=$(plugin_time "$dir/noop.log")
  verdict=$(awk -v p="$noop_plugin" 'BEGIN { print (p < 1.0 ? "met" : "MISSED") }')
  printf '%-26s %8sK %6s | %8s s / %7s s | %8s s / %7s s | %s\n' "$name" "$((bytes / 1024))" "$(tools "$dir/clean.log")" \
    "$(plugin_time "$dir/clean.log")" "$(secs "$t0" "$t1")" "$noop_plugin" "$(secs "$t1" "$t2")" "$verdict"
done
printf '\nJDK %s, %s cores; logs under %s\n' "$(java_major "$JAVA_HOME")" "$(nproc)" "$WORK"
