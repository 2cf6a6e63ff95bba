# Shared by the generate benchmarks (generate-wsdl.sh, generate-openapi.sh), sourced after ROOT is set:
#   bench_options "$@"  reads --corpus DIR, --runs N, --jvm-opts FLAGS, --no-build, --repo DIR (see either script's
#                       header) into CORPUS, RUNS, JVM_OPTS, BUILD and REPO_ARGS
#   bench_setup         picks a JDK 21+, packages imcp-codegen and imcp-runtime unless BUILD=0, sets GEN_CP and
#                       RUNTIME_CP (each module's jar and its runtime dependencies), empties WORK, compiles the
#                       GenerateBench launcher into $WORK/launcher and sets GNU_TIME=1 when GNU time is there to
#                       measure CPU time and peak memory
#   bench_java          runs the launcher (below)

bench_options() {
  CORPUS="$ROOT/../shared/corpus"
  RUNS=3
  JVM_OPTS=""
  BUILD=1
  REPO_ARGS=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --corpus) CORPUS=$2; shift 2 ;;
      --runs) RUNS=$2; shift 2 ;;
      --jvm-opts) JVM_OPTS=$2; shift 2 ;;
      --no-build) BUILD=0; shift ;;
      --repo) REPO_ARGS=("-Dmaven.repo.local=$2"); shift 2 ;;
      *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
    esac
  done
  [ -d "$CORPUS" ] || { echo "no corpus at $CORPUS; pass --corpus DIR" >&2; exit 2; }
  [[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "--runs takes a positive number, not '$RUNS'" >&2; exit 2; }
}

bench_setup() {
  . "$ROOT/.ci/jdk.sh"
  export MAVEN_ARGS="-B -ntp"
  MVN=("$ROOT/mvnw" "${REPO_ARGS[@]}")
  VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -n1)

  if [ "$BUILD" = 1 ]; then
    echo "packaging imcp-codegen and imcp-runtime $VERSION from $ROOT ..." >&2
    (cd "$ROOT" && "${MVN[@]}" -q -pl imcp-runtime,imcp-codegen -am package -DskipTests \
      org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime) >&2
  fi
  for m in imcp-codegen imcp-runtime; do
    [ -f "$ROOT/$m/target/$m-$VERSION.jar" ] && [ -f "$ROOT/$m/target/classpath.txt" ] \
      || { echo "$m is not packaged; run without --no-build" >&2; exit 2; }
  done
  GEN_CP="$ROOT/imcp-codegen/target/imcp-codegen-$VERSION.jar:$(cat "$ROOT/imcp-codegen/target/classpath.txt")"
  RUNTIME_CP="$ROOT/imcp-runtime/target/imcp-runtime-$VERSION.jar:$(cat "$ROOT/imcp-runtime/target/classpath.txt")"

  rm -rf "$WORK"
  mkdir -p "$WORK/launcher"
  javac -d "$WORK/launcher" -cp "$GEN_CP" "$ROOT/bench/GenerateBench.java"
  GNU_TIME=0
  /usr/bin/time --version 2>&1 | grep -q GNU && GNU_TIME=1
}

# Runs GenerateBench with the given arguments in a fresh JVM (flags: JVM_OPTS): its output goes to PREFIX.log,
# "wall_s user_s sys_s [max_rss_kib]" to PREFIX.time (no RSS without GNU time: the launcher prints hwm= instead).
bench_java() { # prefix args...
  local prefix=$1
  shift
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags
  if [ "$GNU_TIME" = 1 ]; then
    /usr/bin/time -f '%e %U %S %M' -o "$prefix.time" java $JVM_OPTS -cp "$WORK/launcher:$GEN_CP" GenerateBench \
      "$@" > "$prefix.log" 2>&1
  else
    { TIMEFORMAT='%R %U %S'; time java $JVM_OPTS -cp "$WORK/launcher:$GEN_CP" GenerateBench \
      "$@" > "$prefix.log" 2>&1; } 2> "$prefix.time"
  fi
}
