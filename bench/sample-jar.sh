# Shared by the serving benchmarks (serve.sh, soak.sh), sourced after ROOT, BUILD and REPO_ARGS are set:
#   picks a JDK 21+ (.ci/jdk.sh), packages the sample adapter's fat jar unless BUILD=0, and sets JAR to it;
#   free_port prints a free TCP port on 127.0.0.1 (asked of the kernel through python3; without it, a random high
#   port).

. "$ROOT/.ci/jdk.sh"
export MAVEN_ARGS="-B -ntp"
JAR="$ROOT/samples/petstore-greeter/target/petstore-greeter.jar"
if [ "$BUILD" = 1 ]; then
  echo "packaging the sample adapter ..." >&2
  (cd "$ROOT" && "$ROOT/mvnw" "${REPO_ARGS[@]}" -q -pl samples/petstore-greeter -am package -DskipTests) >&2
fi
[ -f "$JAR" ] || { echo "no $JAR; run without --no-build" >&2; exit 2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' \
    2>/dev/null || echo $((20000 + RANDOM % 20000))
}
