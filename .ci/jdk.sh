# Sourced by .ci/run and the bench/ scripts: makes JAVA_HOME a JDK 21 or later (JAVA_HOME itself when it is
# one, else the first under /usr/lib/jvm) and puts its bin/ first on PATH; exits when there is none.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

JAVA_HOME=$(pick_jdk) || { echo "needs a JDK 21 or later; none found in JAVA_HOME or /usr/lib/jvm" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
