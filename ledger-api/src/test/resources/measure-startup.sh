#!/usr/bin/env bash
# Start-up time on H2 with a fresh store, from `java -jar` to ready: the median of several runs.
#   ledger-api/src/test/resources/measure-startup.sh [runs] [jar] [extra java options...]
# "Ready" is /actuator/health/readiness answering 200 (the reference data recorded and every read model caught up).
# Each run also prints the CPU time the JVM used until then, which says more than the wall time on a shared machine.
#
# Spring Boot's extracted layout with a class data sharing archive (AppCDS) loads classes faster:
#   java -Djarmode=tools -jar ledger-api/target/ledger-api-*.jar extract --destination /opt/ledger
#   (cd "$(mktemp -d)" && java -XX:ArchiveClassesAtExit=/opt/ledger/ledger.jsa -Dspring.context.exit=onRefresh \
#       -jar /opt/ledger/ledger-api-*.jar --server.port=0)          # the training run: starts, stops, writes the archive
#   ledger-api/src/test/resources/measure-startup.sh 5 /opt/ledger/ledger-api-*.jar -XX:SharedArchiveFile=/opt/ledger/ledger.jsa
set -euo pipefail
runs="${1:-5}"
jar="$(realpath "${2:-$(ls "$(dirname "$0")"/../../../target/ledger-api-*.jar | head -n 1)}")"
shift $(( $# > 2 ? 2 : $# )) || true
port="${LEDGER_MEASURE_PORT:-18093}"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
times=()
for run in $(seq 1 "$runs"); do
    work="$(mktemp -d)"
    start=$(date +%s%N)
    (cd "$work" && exec java "$@" -jar "$jar" --server.port="$port" >"$work/log" 2>&1) &
    pid=$!
    until curl -fs -o /dev/null "http://localhost:$port/actuator/health/readiness"; do
        kill -0 "$pid" 2>/dev/null || { echo "the service died: $work/log" >&2; exit 1; }
        sleep 0.05
    done
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    times+=("$ms")
    cpu=$(awk '{ print ($14 + $15) * 10 }' "/proc/$pid/stat" 2>/dev/null || echo "?")
    echo "run $run: ${ms} ms to ready, ${cpu} ms of CPU, load average $(cut -d' ' -f1 /proc/loadavg)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$work"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "median of $runs runs: ${sorted[$(( runs / 2 ))]} ms"
