#!/usr/bin/env bash
# Generate + compile benchmark: iMCP against Apache CXF's wsdl2java alone, on the largest WSDLs of the shared
# corpus. Each run is a fresh JVM that generates the sources of one WSDL and compiles all of them with javac.
#
#   bench/generate-wsdl.sh [--corpus DIR] [--runs N] [--jvm-opts "FLAGS"] [--no-build] [--repo DIR]
#
#   --corpus DIR      the contract corpus (default: ../shared/corpus next to this checkout); bench only, tests never read it
#   --runs N          iMCP/CXF pairs per contract, run back to back and interleaved (default: 3)
#   --jvm-opts FLAGS  JVM flags for every run, iMCP and CXF alike (default: none, the JVM's ergonomics)
#   --no-build        use imcp-codegen and imcp-runtime as last packaged under their target/ folders
#   --repo DIR        the Maven local repository (default: Maven's own, ~/.m2/repository)
#
# Why not `mvn compile` of an adapter project: Maven's own start-up and project model would be in iMCP's figure
# and not in CXF's. Both sides instead run from bench/GenerateBench.java on imcp-codegen's class path (which is
# the class path iMCP runs wsdl2java on: cxf-tools-wsdlto-frontend-jaxws and -databinding-jaxb), with the same
# JDK and JVM flags, in a fresh JVM each time, in-process the way their Maven plugins and maven-compiler-plugin
# run: "iMCP" is ImcpGenerator on a CodegenRequest; "CXF" is org.apache.cxf.tools.wsdlto.WSDLToJava with the
# options iMCP gives it (-p, -b <JAX-WS wrapper style off>, -encoding UTF-8 -suppress-generated-date
# -noAddressBinding -autoNameResolution, SEIs, types and faults only), so its output is exactly the CXF part of
# iMCP's; the script warns when CxfCodegen's options change without it. Each is followed by javac (--release 21,
# -proc:none) of every .java file it generated, with imcp-runtime and its dependencies on the class path for both.
#
# Prints two rows per contract: the best pair (the one with the least iMCP + CXF wall time, i.e. the quietest)
# and the median of each figure over the runs (its ratio is that of the medians). wall = elapsed, CPU = user +
# sys, max RSS = peak resident memory, all of the whole JVM (GNU time; without it, bash's `time` and the JVM's
# VmHWM). Target (issue 6): iMCP at most 1.2x CXF alone, checked for each ratio. A second table gives the median
# of each phase as timed inside the JVM. The load average is printed: the figures are only as quiet as the machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/common.sh"
bench_options "$@"
TARGET=1.2

WORK="$ROOT/target/bench-wsdl"
bench_setup
# The baseline must keep iMCP's wsdl2java options: compare the option lines and the customization documents.
wsdl2java_options() { sed -n -e '/String\[\] args = {/,/};/p' -e '/"""$/,/"""/p' -e '/context.put(ToolConstants/p' "$1" | grep -v -e 'args = {' -e '"-d"' -e '"-p"' -e '"""' | sed 's/^ *//' | sort; }
if ! diff <(wsdl2java_options "$ROOT/imcp-codegen/src/main/java/dev/imcp/codegen/wsdl/CxfCodegen.java") \
    <(wsdl2java_options "$ROOT/bench/GenerateBench.java") > "$WORK/options.diff"; then
  echo "warning: CxfCodegen's wsdl2java options differ from bench/GenerateBench.java's; the baseline is not like for like (see $WORK/options.diff)" >&2
fi

# name | WSDL, relative to the corpus
CASES=(
  "virtualbox-vboxweb|wsdl/virtualbox-vboxweb/fixtures/vboxweb.wsdl"
  "paypal-ebl|wsdl/paypal-ebl/tests/fixtures/wsdl/paypal/PayPalSvc.wsdl"
  "salesforce-partner|wsdl/salesforce-partner/soapclient/partner.wsdl.xml"
  "amazon-ec2|wsdl/amazon-ec2/tests/fixtures/wsdl/amazon/AmazonEc2.wsdl"
)

# One run: a fresh JVM, a fresh folder. Appends "wall cpu rss_kib generate_ms read_ms javac_ms files tools" to $4.
run() { # imcp|cxf wsdl log-prefix results-file
  local dir="$3.out" line wall user sys rss
  bench_java "$3" "$1" "$2" "$dir" "$RUNTIME_CP" || return 1
  line=$(grep '^generate=' "$3.log") || return 1
  read -r wall user sys rss < "$3.time"
  [ -n "${rss:-}" ] || rss=$(sed 's/.*hwm=\([0-9]*\).*/\1/' <<< "$line")
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss $(sed -e 's/ hwm=[0-9]*//' -e 's/[a-z]*=//g' <<< "$line")" >> "$4"
  rm -rf "$dir"
}

# Prints the best pair and the median rows of one contract from its two result files (one line per run each),
# and appends the median run's phases to the phases file.
report() { # name imcp-results cxf-results phases-file
  paste -d' ' "$2" "$3" | awk -v name="$1" -v target="$TARGET" -v phases="$4" '
    function verdict(r) { return sprintf("%5.2fx %-6s", r, r <= target + 1e-9 ? "met" : "MISSED") }
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function row(label, ops, files, iw, cw, ic, cc, ir, cr,   line) {
      line = sprintf("%-20s %5s %11s | %-7s | %7.1f / %7.1f  %s | %7.1f / %7.1f  %s | %7.0f / %7.0f  %s", \
        label == "best" ? name : "", label == "best" ? ops : "", label == "best" ? files : "", label, \
        iw, cw, verdict(iw / cw), ic, cc, verdict(ic / cc), ir / 1024, cr / 1024, verdict(ir / cr))
      sub(/ +$/, "", line)
      print line
    }
    # columns: iMCP wall cpu rss gen read javac files tools | CXF wall cpu rss gen read javac files tools
    { n++; for (k = 1; k <= 16; k++) v[k, n] = $k
      if (best == 0 || $1 + $9 < v[1, best] + v[9, best]) best = n }
    END {
      files = v[7, 1] " / " v[15, 1]
      row("best", v[8, 1], files, v[1, best], v[9, best], v[2, best], v[10, best], v[3, best], v[11, best])
      for (k = 1; k <= 16; k++) { for (i = 1; i <= n; i++) a[i] = v[k, i]; m[k] = median(a, n) }
      row("median", "", "", m[1], m[9], m[2], m[10], m[3], m[11])
      printf "%s %.1f %.1f %.1f %.1f %.1f\n", name, m[5] / 1000, (m[4] - m[5]) / 1000, m[6] / 1000, m[12] / 1000, m[14] / 1000 >> phases
    }'
}

LOAD_BEFORE=$(uptime)
printf '\n%-20s %5s %11s | %-7s | %-32s | %-32s | %s\n' "contract" "tools" "java files" "of $RUNS" \
  "wall s: iMCP / CXF  (<= ${TARGET}x)" "CPU s: iMCP / CXF  (<= ${TARGET}x)" "max RSS MiB: iMCP / CXF  (<= ${TARGET}x)"
printf '%s\n' "------------------------------------------------------------------------------------------------------------------------------------------------"
: > "$WORK/phases.txt"
for entry in "${CASES[@]}"; do
  name=${entry%%|*}
  wsdl="$CORPUS/${entry#*|}"
  if [ ! -f "$wsdl" ]; then
    printf '%-20s missing: %s\n' "$name" "$wsdl"
    continue
  fi
  : > "$WORK/$name.imcp"
  : > "$WORK/$name.cxf"
  failed=""
  for i in $(seq 1 "$RUNS"); do
    echo "$name: pair $i of $RUNS ..." >&2
    run imcp "$wsdl" "$WORK/$name-imcp-$i" "$WORK/$name.imcp" || { failed="$WORK/$name-imcp-$i.log"; break; }
    run cxf "$wsdl" "$WORK/$name-cxf-$i" "$WORK/$name.cxf" || { failed="$WORK/$name-cxf-$i.log"; break; }
  done
  if [ -n "$failed" ]; then
    printf '%-20s FAILED (see %s)\n' "$name" "$failed"
    continue
  fi
  report "$name" "$WORK/$name.imcp" "$WORK/$name.cxf" "$WORK/phases.txt"
done

printf '\n%-20s | %-25s | %s\n' "median, s" "iMCP read / write / javac" "CXF wsdl2java / javac"
printf '%s\n' "------------------------------------------------------------------------"
while read -r name read write javac cxf cjavac; do
  printf '%-20s | %9.1f / %5.1f / %5.1f | %13.1f / %5.1f\n' "$name" "$read" "$write" "$javac" "$cxf" "$cjavac"
done < "$WORK/phases.txt"
printf '(iMCP read = its own wsdl2java run + the model; write = JavaPoet + files; wall time inside the JVM)\n'
printf '\nJDK %s, %s cores, JVM flags: %s; %s; logs under %s\n' "$(java_major "$JAVA_HOME")" "$(nproc)" \
  "${JVM_OPTS:-none}" "$([ "$GNU_TIME" = 1 ] && echo "GNU time" || echo "bash time + VmHWM")" "$WORK"
printf 'load before: %s\nload after:  %s\n' "${LOAD_BEFORE##*load average: }" "$(uptime | sed 's/.*load average: //')"
