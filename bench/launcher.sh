#!/usr/bin/env bash
# bench/launcher.sh: the shared benchmark (../shared/reference-glance/bench.sh, or BENCH_SH) against glance4j started
# by the packaged launcher with its default jvm.options, and by plain `java -jar`, RUNS times each, alternating, on a
# fresh data directory each time; prints peak RSS, throughput and server CPU per phase for every run.
#
#   bench/launcher.sh [OUTDIR]
#
# Uses the tarball of `mvn package` (app-bootstrap/target/glance4j-*.tar.gz, built if missing), unpacked in OUTDIR.
# Knobs: RUNS (default 2), MODES (default "java launcher"), GLANCE4J_JVM_OPTIONS (another options file for the
# launcher runs), and bench.sh's own BENCH_* variables. All traffic goes to 127.0.0.1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-launcher-bench.XXXXXX)}
bench=${BENCH_SH:-$root/../shared/reference-glance/bench.sh}
runs=${RUNS:-2}
modes=${MODES:-java launcher}
mkdir -p "$out"
[ -x "$bench" ] || { echo "no benchmark at $bench (set BENCH_SH)" >&2; exit 1; }
ls "$root"/app-bootstrap/target/glance4j-*.tar.gz >/dev/null 2>&1 || (cd "$root" && mvn -q -B -ntp -DskipTests package)
tar -xzf "$(ls "$root"/app-bootstrap/target/glance4j-*.tar.gz | head -1)" -C "$out"
home=$(ls -d "$out"/glance4j-*/ | head -1)

# shellcheck source=lib/database.sh
. "$here/lib/database.sh" # free_port

run_one() { # MODE LABEL
  local mode=$1 label=$2 port dir pid
  port=$(free_port); dir=$out/runs/$label; rm -rf "$dir"; mkdir -p "$dir"
  local args=(serve --bind 127.0.0.1 --port "$port" --data-dir "$dir/data" --auth trusted-headers)
  if [ "$mode" = java ]; then
    java -jar "$home/lib/glance4j.jar" "${args[@]}" >"$dir/server.log" 2>&1 &
  else
    "$home/bin/glance4j" "${args[@]}" >"$dir/server.log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/versions" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log" >&2; return 1; }
    sleep 0.2
  done
  tr '\0' ' ' <"/proc/$pid/cmdline" >"$dir/cmdline"
  SERVER_PID=$pid BENCH_LABEL=$label BENCH_DATA_DIR=${BENCH_DATA_DIR:-$out/data} \
    "$bench" "http://127.0.0.1:$port" "$dir/bench" >"$dir/summary.txt" 2>"$dir/bench.log" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

for i in $(seq 1 "$runs"); do
  for mode in $modes; do
    echo "run $mode-$i ..." >&2
    run_one "$mode" "$mode-$i"
  done
done

python3 - "$out/runs" <<'PY'
import glob, json, os, sys
runs = sorted(glob.glob(os.path.join(sys.argv[1], '*', 'bench', 'run-*', 'results.json')))
table = {}
labels = []
for path in runs:
    data = json.load(open(path))
    label = data['meta'].get('label') or path
    labels.append('%s (load %s)' % (label, data['meta']['loadavg_at_start'][0]))
    for r in data['results']:
        if r['test'] == 'server_memory':
            value = '%.0f MiB' % r['peak_rss_sum_mib']
        elif 'mib_s' in r or 'stage_mib_s' in r:
            value = '%s MiB/s' % r.get('mib_s', r.get('stage_mib_s'))
        elif 'rps' in r:
            cpu = r.get('server_cpu_s')
            per = (' %.2f ms' % (1000.0 * cpu / r['requests'])) if cpu and r.get('requests') else ''
            value = '%s/s%s' % (r['rps'], per)
        else:
            continue
        table.setdefault(r['test'], {})[labels[-1]] = value
print('phase | ' + ' | '.join(labels))
print('(rps and server CPU ms per request; MiB/s; peak RSS)')
for test, row in table.items():
    print('%s | %s' % (test, ' | '.join(row.get(l, '-') for l in labels)))
PY
