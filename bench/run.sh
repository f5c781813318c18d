#!/usr/bin/env bash
# The benchmark: the service and the sandbox providers in two JVMs, loaded by wrk; tables to bench/results/latest.md,
# the plot to bench/results/latency-vs-load.png, logs to target/bench/. About 25 minutes; BENCH_QUICK=1 for a short
# try. Settings are environment variables, see src/test/java/payoutroutes/bench/PayoutBenchmark.java.
# Run it on a quiet machine: uptime before and after tells whether others were busy (both are in the results).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi
# the runnable jar and the benchmark's own classes (test sources); the tests themselves are not run
mvn -B -q -ntp package -DskipTests
if [ "${BENCH_PROFILE:-}" = "1" ]; then
  # async-profiler 4.6 from Maven Central: its Linux library out of the jar
  mvn -B -q -ntp dependency:copy -Dartifact=tools.profiler:async-profiler:4.6 -DoutputDirectory=target/bench-tools
  (cd target/bench-tools && unzip -o -q async-profiler-4.6.jar 'linux-x64/*')
  export BENCH_PROFILER="$PWD/target/bench-tools/linux-x64/libasyncProfiler.so"
fi
ulimit -n 65536 2>/dev/null || true
uptime
exec java -Xmx1g -cp target/test-classes:target/payout-routes.jar payoutroutes.bench.PayoutBenchmark
