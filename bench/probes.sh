#!/usr/bin/env bash
# bench/probes.sh: how fast /healthcheck, /healthcheck?detailed and /metrics answer while the server is busy with
# the record load: one glance4j node (the runnable jar, SQLite and the file store in a fresh data directory,
# trusted-headers, metrics on their own port), driven by wrk with BENCH_CONCURRENCY connections of create and then
# of show (GET of one image), each for BENCH_SECONDS, while one more wrk connection asks a probe again and again.
# Prints, per load and probe, the probe's requests per second and its latency percentiles (wrk --latency), next to
# the load's own requests per second; then the same probes on the idle server for comparison.
#
#   bench/probes.sh [OUTDIR]
#
# Knobs: BENCH_SECONDS (15), BENCH_CONCURRENCY (16), BENCH_HEAP (-Xmx, 256m), BENCH_JAR (the runnable jar;
# default app-bootstrap/target/glance4j.jar, built if missing). Needs wrk, curl and python3; traffic stays on
# 127.0.0.1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-probes.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
secs=${BENCH_SECONDS:-15}
conc=${BENCH_CONCURRENCY:-16}
heap=${BENCH_HEAP:-256m}
jar=${BENCH_JAR:-$root/app-bootstrap/target/glance4j.jar}
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }
done
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)
# shellcheck source=lib/database.sh
. "$here/lib/database.sh" # free_port
port=$(free_port)
metrics_port=$(free_port)
rm -rf "$out/data"
java -Xmx"$heap" -jar "$jar" serve --bind 127.0.0.1 --port "$port" --metrics-port "$metrics_port" \
  --data-dir "$out/data" --auth trusted-headers >"$out/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 600); do
  curl -sf "$base/versions" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.2
done
ident=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-user' -H 'X-Project-Id: bench-project'
       -H 'X-Roles: admin,member,reader')
one=$(curl -sf "${ident[@]}" -X POST -H 'Content-Type: application/json' -d '{"name":"probe"}' "$base/v2/images" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

# warm-up, not measured: the JIT compiles the load's and the probes' paths
wrk -t1 -c"$conc" -d10s "${ident[@]}" -s "$here/wrk/create.lua" "$base/v2/images" >/dev/null 2>&1 || true
for probe in "$base/healthcheck" "$base/healthcheck?detailed" "http://127.0.0.1:$metrics_port/metrics"; do
  wrk -t1 -c1 -d3s "${ident[@]}" "$probe" >/dev/null 2>&1 || true
done

# probe NAME URL LOAD: one wrk connection on URL for the phase, with --latency, into OUTDIR/probe-LOAD-NAME.txt
probe() {
  wrk -t1 -c1 -d"${secs}s" --latency "${ident[@]}" "$2" >"$out/probe-$3-$1.txt" 2>&1 || true
}
printf '%-8s %-20s %12s %10s %9s %9s %9s\n' load probe load_req/s probe_req/s p50 p90 p99 | tee "$out/summary.txt"
summarize() { # LOAD NAME LOAD_FILE
  python3 - "$out/probe-$1-$2.txt" "${3:-}" "$1" "$2" <<'PY' | tee -a "$out/summary.txt"
import re, sys
probe, load_file, load, name = sys.argv[1:5]
def rps(path):
    m = re.search(r'Requests/sec:\s+([\d.]+)', open(path).read()) if path else None
    return m.group(1) if m else '-'
text = open(probe).read()
pct = dict(re.findall(r'^\s+(50|90|99)%\s+(\S+)', text, re.M))
print('%-8s %-20s %12s %10s %9s %9s %9s' % (load, name, rps(load_file), rps(probe), pct.get('50', '-'),
                                            pct.get('90', '-'), pct.get('99', '-')))
PY
}
for load in idle create show; do
  for name in healthcheck detailed metrics; do
    case $name in
      healthcheck) url=$base/healthcheck ;;
      detailed) url="$base/healthcheck?detailed" ;;
      metrics) url=http://127.0.0.1:$metrics_port/metrics ;;
    esac
    load_file= load_pid=
    if [ "$load" != idle ]; then
      load_file=$out/load-$load-$name.txt
      if [ "$load" = create ]; then
        wrk -t1 -c"$conc" -d"${secs}s" "${ident[@]}" -s "$here/wrk/create.lua" "$base/v2/images" >"$load_file" 2>&1 &
      else
        wrk -t1 -c"$conc" -d"${secs}s" "${ident[@]}" "$base/v2/images/$one" >"$load_file" 2>&1 &
      fi
      load_pid=$!
    fi
    probe "$name" "$url" "$load"
    [ -z "$load_pid" ] || wait "$load_pid" || true
    summarize "$load" "$name" "$load_file"
  done
done
echo "results in $out" | tee -a "$out/summary.txt"
