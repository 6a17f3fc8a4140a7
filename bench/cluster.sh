#!/usr/bin/env bash
# bench/cluster.sh: glance4j scaled out. 1, 2 and 3 nodes (processes of the runnable jar, each with its own data
# directory) on one PostgreSQL and one real OpenStack Swift (Debian's packages, single node, TempAuth, on loopback,
# started as the store tests start it: bench/lib/swift.sh), with a shared staging directory, behind Debian's
# HAProxy 2.6 (round robin, no stickiness). All load goes through HAProxy.
#
#   bench/cluster.sh [OUTDIR]       the issue's run (1 GiB transfers): 20 minutes on a busy 2-core machine
#   BENCH_SIZE_MIB=64 BENCH_CONC_MIB=16 BENCH_SECONDS=5 BENCH_WARMUP=2000 bench/cluster.sh      a quick look (that
#                                   it works; too short a warm-up to compare CPU per request between node counts)
#
# For each node count, on a fresh database and a fresh Swift container:
#   warm-up   BENCH_WARMUP requests for each node of each of the four record loads below, not measured, so that
#             every node's JIT has compiled the hot paths before the measures (counted in requests, not seconds: a
#             node of three gets a third of the load, and a busy machine serves fewer requests in a second)
#   records   wrk, BENCH_CONCURRENCY connections, BENCH_SECONDS each: create (POST /v2/images), show (GET of one
#             image), patch (PATCH of a custom property, round robin over 1,000 images), list_25 (GET ?limit=25)
#   data      curl: after a warm-up (two uploads and downloads of 32 MiB for each node, not measured), one upload
#             of BENCH_SIZE_MIB (PUT /file), its download (GET /file, checked against the upload's MD5), then
#             BENCH_UPLOADS concurrent uploads of BENCH_CONC_MIB each into as many images
# and prints, per phase:
#   requests, req/s and MiB/s (data phases)
#   CPU seconds (user + system time from /proc/PID/stat, read before and after the phase: bench/lib/cpu.sh) per
#   1,000 requests for records and per GiB for data, apart for
#     glance4j   the sum over all node processes
#     jit        the part of it that the nodes' JIT compiler threads spent (compiling, not serving)
#     postgres   the postmaster and its backends
#     swift      its four servers and memcached
#   409        answers 409 Conflict: expected, as a conflict is an answer the API gives by design (a PATCH that lost
#              200 races in a row); none is seen in this load
#   other      unexpected answers: any other non-2xx status, a socket error or timeout, a download that differs
# The last lines compare each record phase's node CPU per request at 2 and 3 nodes with 1 node (the figure to hold:
# within 15 %) and count the unexpected answers (the figure to hold: none). The load average is printed at the start
# and the end of each node count: on a shared machine other work shows there, and moves the numbers.
#
# BENCH_THREADS=1 also writes OUTDIR/nodes-N/threads-PHASE.txt: the nodes' CPU per request by kind of thread (I/O,
# worker, GC, JIT, ...: bench/lib/cpu.sh thread_ticks), to see which of them grows with the number of nodes.
# BENCH_CLIENTS_PER_NODE=N instead gives the record loads N connections for each node (N at 1 node, 3N at 3 nodes) and
# each node a pool of N: every node as busy as the single one, as when nodes are added because clients were.
# BENCH_THINK_MS=N makes every connection pause N ms after each answer (bench/lib/paced.lua): the same demand below
# saturation, whatever the number of nodes. BENCH_DATA=0 skips the data phases. BENCH_IDLE_MEMBERS=1 starts every node
# but gives HAProxy's weight 0 to all but the first: what being a member of a cluster costs, without spreading the load.
# BENCH_NODE_CPUS="LIST1 LIST2 LIST3" runs node i on the CPUs of LISTi (taskset -c), BENCH_OTHER_CPUS=LIST runs this
# script and so PostgreSQL, Swift, HAProxy and wrk on those: on a machine with enough cores, each node on cores of its
# own (e.g. BENCH_NODE_CPUS="0-1 2-3 4-5" BENCH_OTHER_CPUS=6-7 on 8 cores).
# Knobs: BENCH_NODES ("1 2 3"), BENCH_SECONDS (15), BENCH_WARMUP (10000), BENCH_CONCURRENCY (16),
# BENCH_SIZE_MIB (1024), BENCH_UPLOADS (8), BENCH_CONC_MIB (128: 8 x 128 MiB = 1 GiB in all), BENCH_HEAP (-Xmx per
# node, 256m), JAVA_OPTS (more JVM options for every node), BENCH_POOL ([database] max_pool_size of each node; default
# BENCH_CONCURRENCY, so that a node that gets all the load never makes a request wait for a connection), BENCH_JAR
# (the runnable jar to measure; default app-bootstrap/target/glance4j.jar: do not rebuild it during a run).
# Needs wrk, haproxy, curl, python3, PostgreSQL's server programs, swift-proxy, swift-account, swift-container,
# swift-object and memcached; all traffic stays on 127.0.0.1. Results (summary.txt, wrk output, logs) in OUTDIR.
# Results of runs on the 2-core development machine, and how to read them: docs/scaling.md, "Measuring it". In
# short: no unexpected answer and no 409 in millions; with three nodes sharing the two cores, CPU per request is 15 to
# 90 % above one node's, however the cores are shared, while three nodes of which two are idle members stay within 3 %.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-cluster-bench.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
node_counts=${BENCH_NODES:-1 2 3}
secs=${BENCH_SECONDS:-15}
warmup=${BENCH_WARMUP:-10000}
per_node=${BENCH_CLIENTS_PER_NODE:-}
conc=${BENCH_CONCURRENCY:-16}
pool=${BENCH_POOL:-${per_node:-$conc}}
size_mib=${BENCH_SIZE_MIB:-1024}
uploads=${BENCH_UPLOADS:-8}
conc_mib=${BENCH_CONC_MIB:-128}
heap=${BENCH_HEAP:-256m}
jar=${BENCH_JAR:-$root/app-bootstrap/target/glance4j.jar}
think=${BENCH_THINK_MS:-}
read -r -a node_cpus <<<"${BENCH_NODE_CPUS:-}"
data=${BENCH_DATA:-1}
# BENCH_OTHER_CPUS: this script, and so PostgreSQL, Swift, HAProxy and wrk, run on these CPUs only
[ -z "${BENCH_OTHER_CPUS:-}" ] || taskset -cp "$BENCH_OTHER_CPUS" $$ >/dev/null
for tool in wrk haproxy curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }
done
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)
tck=$(getconf CLK_TCK)
# shellcheck source=lib/database.sh
. "$here/lib/database.sh"
# shellcheck source=lib/swift.sh
. "$here/lib/swift.sh"
# shellcheck source=lib/cpu.sh
. "$here/lib/cpu.sh"

pids=()
haproxy_pid=
db_stop=
swift_stop=
stop_cluster() {
  [ -n "$haproxy_pid" ] && { kill "$haproxy_pid" 2>/dev/null || true; wait "$haproxy_pid" 2>/dev/null || true; }
  haproxy_pid=
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
finish() {
  stop_cluster
  [ -n "$swift_stop" ] && { eval "$swift_stop" 2>/dev/null || true; rm -rf "$out/swift/srv"; }
  [ -n "$db_stop" ] && { eval "$db_stop" >/dev/null 2>&1 || true; }
  rm -f "$out/big.bin" "$out/small.bin" "$out/warm.bin"
}
trap finish EXIT

# one PostgreSQL and one Swift for the whole run; a fresh database and a fresh container per node count
rm -rf "$out/postgresql" "$out/swift"
start_database postgresql "$out/postgresql"
db_pid=$(head -1 "$out/postgresql/data/postmaster.pid")
start_swift "$out/swift"

ident=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-user' -H 'X-Project-Id: bench-project'
       -H 'X-Roles: admin,member,reader')

# start_cluster N: a fresh database and container, N nodes (the first alone, as it creates the schema), HAProxy
start_cluster() {
  local n=$1 dir=$out/nodes-$1 i port
  rm -rf "$dir"; mkdir -p "$dir"
  echo "DROP DATABASE IF EXISTS glance4j; CREATE DATABASE glance4j;" | eval "$db_admin"
  cat >"$dir/glance-api.conf" <<CONF
[DEFAULT]
enabled_backends = shared:swift

[glance_store]
default_backend = shared

[shared]
swift_store_auth_address = $swift_auth
swift_store_auth_version = 1
swift_store_user = $swift_user
swift_store_key = $swift_key
swift_store_container = glance-bench-$n-nodes
swift_store_create_container_on_put = true

[os_glance_staging_store]
filesystem_store_datadir = $dir/shared-staging

[database]
connection = $connection
max_pool_size = $pool
CONF
  local servers=() ports=()
  for i in $(seq 1 "$n"); do
    port=$(free_port)
    local pin=(taskset -c "${node_cpus[$((i - 1))]:-0-$(($(nproc) - 1))}")
    # shellcheck disable=SC2086
    "${pin[@]}" java -Xmx"$heap" ${JAVA_OPTS:-} -jar "$jar" serve --bind 127.0.0.1 --port "$port" --data-dir "$dir/node$i" \
      --auth trusted-headers --config "$dir/glance-api.conf" >"$dir/node$i.log" 2>&1 &
    pids+=($!)
    ports+=("$port")
    if [ "$i" -gt 1 ] && [ -n "${BENCH_IDLE_MEMBERS:-}" ]; then
      servers+=("    server node$i 127.0.0.1:$port weight 0")
    else
      servers+=("    server node$i 127.0.0.1:$port")
    fi
    [ "$i" = 1 ] && await "http://127.0.0.1:$port" "$!" "$dir/node1.log"
  done
  for i in $(seq 1 "$n"); do
    await "http://127.0.0.1:${ports[$((i - 1))]}" "${pids[$((i - 1))]}" "$dir/node$i.log"
  done
  lb_port=$(free_port)
  {
    printf 'global\n    maxconn 2000\ndefaults\n    mode http\n    timeout connect 10s\n'
    printf '    timeout client 900s\n    timeout server 900s\nfrontend glance\n    bind 127.0.0.1:%s\n' "$lb_port"
    printf '    default_backend glance4j\nbackend glance4j\n    balance roundrobin\n'
    printf '%s\n' "${servers[@]}"
  } >"$dir/haproxy.cfg"
  haproxy -db -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 &
  haproxy_pid=$!
  base=http://127.0.0.1:$lb_port
  await "$base" "$haproxy_pid" "$dir/haproxy.log"
}

# await URL PID LOG: until URL/versions answers (bounded: 120 s), or the process ended
await() {
  for _ in $(seq 1 1200); do
    curl -sf --max-time 5 "$1/versions" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "no answer from $1" >&2; exit 1
}

# snapshot: "NODE_TICKS DB_TICKS SWIFT_TICKS SECONDS NODE_JIT_TICKS" now
snapshot() {
  local nodes db swift jit groups
  groups=$(IFS=,; echo "${pids[*]} $db_pid ${swift_pids[*]} jit:${pids[*]}")
  # shellcheck disable=SC2086
  read -r nodes db swift jit < <(cpu_ticks $groups)
  echo "$nodes $db $swift $(date +%s.%N) $jit"
}

printf '%-5s %-20s %8s %9s %8s %9s %7s %9s %9s %-9s %6s %6s\n' nodes phase requests req/s MiB/s glance4j jit \
  postgres swift cpu_s_per 409 other | tee "$out/summary.txt"
# report NODES PHASE REQUESTS "BEFORE" "AFTER" N409 NOTHER MIB [SECONDS]: MIB moved (0 for the record phases);
# SECONDS (wrk's own) instead of the time between the two snapshots
report() {
  python3 - "$tck" "$@" <<'PY' | tee -a "$out/summary.txt"
import sys
tck, n, phase, req, before, after, n409, other, mib = sys.argv[1:10]
b, a = [list(map(float, s.split())) for s in (before, after)]
req, mib = int(req), float(mib)
secs = float(sys.argv[10]) if len(sys.argv) > 10 else a[3] - b[3]
cpu = [(a[i] - b[i]) / float(tck) for i in (0, 1, 2, 4)]
if mib:
    per, unit, rate = [c / (mib / 1024) for c in cpu], 'GiB', '%.1f' % (mib / secs)
else:
    per, unit, rate = [c / req * 1000 if req else 0 for c in cpu], '1000req', '-'
print('%-5s %-20s %8d %9.1f %8s %9.3f %7.3f %9.3f %9.3f %-9s %6s %6s'
      % (n, phase, req, req / secs, rate, per[0], per[3], per[1], per[2], unit, n409, other))
PY
}

# wrk_phase NODES NAME SCRIPT URL [ARGS...]
wrk_phase() {
  local n=$1 name=$2 script=$3 url=$4; shift 4
  local before after threads_before threads_after file=$out/nodes-$n/wrk-$name.txt
  [ -n "${BENCH_THREADS:-}" ] && threads_before=$(thread_ticks "${pids[@]}")
  before=$(snapshot)
  if [ -n "$think" ]; then
    BENCH_WRK_SCRIPT=$script BENCH_THINK_MS=$think wrk -t2 -c"$conc" -d"${secs}s" --timeout 10s "${ident[@]}" \
      -s "$here/lib/paced.lua" "$url" -- "$@" >"$file" 2>&1 || true
  else
    wrk -t2 -c"$conc" -d"${secs}s" --timeout 10s "${ident[@]}" -s "$here/wrk/$script" "$url" -- "$@" >"$file" 2>&1 || true
  fi
  after=$(snapshot)
  [ -n "${BENCH_THREADS:-}" ] && threads_after=$(thread_ticks "${pids[@]}")
  python3 - "$file" <<'PY' >"$file.parsed"
import json, sys
line = next((l for l in open(sys.argv[1]) if l.startswith('RESULT ')), None)
r = json.loads(line[7:]) if line else {'requests': 0, 'seconds': 1, 'errors': 1, 'statuses': {}}
conflicts = r['statuses'].get('409', 0)
other = sum(v for k, v in r['statuses'].items() if not k.startswith('2') and k != '409') + r['errors']
print(r['requests'], r['seconds'], conflicts, other, json.dumps(r['statuses'], sort_keys=True).replace(' ', ''))
PY
  local req s n409 other statuses
  read -r req s n409 other statuses <"$file.parsed"
  echo "$statuses" >"$file.statuses"
  report "$n" "$name" "$req" "$before" "$after" "$n409" "$other" 0 "$s"
  if [ -n "${BENCH_THREADS:-}" ]; then
    python3 - "$tck" "$req" "$threads_before" "$threads_after" <<'PY' >"$out/nodes-$n/threads-$name.txt"
import json, sys
tck, req = float(sys.argv[1]), int(sys.argv[2])
b, a = json.loads(sys.argv[3]), json.loads(sys.argv[4])
def per(k, i, scale):
    return (a[k][i] - b.get(k, [0, 0, 0, 0])[i]) * scale / max(req, 1)
us = 1e6 / tck
rows = sorted(((per(k, 0, us) + per(k, 1, us), per(k, 0, us), per(k, 1, us), per(k, 2, 1), per(k, 3, 1), k) for k in a),
              reverse=True)
print('%9s %9s %9s %9s %9s  %s' % ('cpu_us', 'user', 'system', 'waits', 'preempted',
                                  'thread kind (CPU microseconds and context switches per request)'))
for total, user, system, waits, preempted, kind in rows:
    if total or waits > 0.01:
        print('%9.1f %9.1f %9.1f %9.2f %9.2f  %s' % (total, user, system, waits, preempted, kind))
print('%9.1f %9.1f %9.1f %9.2f %9.2f  all threads' % tuple(sum(r[i] for r in rows) for i in range(5)))
PY
  fi
}

# count_codes FILE: "N409 NOTHER" of the HTTP codes in FILE, one a line (anything not 2xx nor 409 is unexpected)
count_codes() {
  echo "$(grep -c '^409$' "$1" || true) $(grep -vc -e '^2' -e '^409$' "$1" || true)"
}

# data_phase NODES: one upload and one download of size_mib, then $uploads concurrent uploads of conc_mib
data_phase() {
  local n=$1 dir=$out/nodes-$1 before after id i codes
  new_image() {
    curl -sf --max-time 30 "${ident[@]}" -X POST -H 'Content-Type: application/json' \
      -d '{"name":"bench-data","disk_format":"raw","container_format":"bare"}' "$base/v2/images" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
  }
  upload() {
    curl -sS --max-time 1800 "${ident[@]}" -o /dev/null -w '%{http_code}\n' -T "$2" \
      -H 'Content-Type: application/octet-stream' -H 'Expect:' "$base/v2/images/$1/file" 2>>"$dir/curl.log" ||
      echo curl-failed
  }
  # warm-up, not measured: two uploads and downloads of 32 MiB for each node (round robin: each lands on the next)
  local warm_ids=()
  for i in $(seq 1 $((2 * n))); do warm_ids+=("$(new_image)"); done
  for i in "${warm_ids[@]}"; do upload "$i" "$out/warm.bin" >>"$dir/warmup.code"; done
  for i in "${warm_ids[@]}"; do
    curl -sS --max-time 600 "${ident[@]}" -o /dev/null -w '%{http_code}\n' "$base/v2/images/$i/file" \
      >>"$dir/warmup.code" 2>>"$dir/curl.log" || true
  done
  id=$(new_image)
  before=$(snapshot)
  upload "$id" "$out/big.bin" >"$dir/upload.code"
  after=$(snapshot)
  # shellcheck disable=SC2046
  report "$n" "upload_${size_mib}MiB" 1 "$before" "$after" $(count_codes "$dir/upload.code") "$size_mib"
  before=$(snapshot)
  # the status goes to stderr (the download.code file), the bytes through md5sum
  curl -sS --max-time 1800 "${ident[@]}" -w '%{stderr}%{http_code}\n' "$base/v2/images/$id/file" \
    2>"$dir/download.code" | md5sum | cut -d' ' -f1 >"$dir/download.md5" || true
  after=$(snapshot)
  [ "$(cat "$dir/download.md5")" = "$big_md5" ] || echo download-differs >>"$dir/download.code"
  # shellcheck disable=SC2046
  report "$n" "download_${size_mib}MiB" 1 "$before" "$after" $(count_codes "$dir/download.code") "$size_mib"
  local ids=() running=()
  for i in $(seq 1 "$uploads"); do ids+=("$(new_image)"); done
  before=$(snapshot)
  for i in "${ids[@]}"; do upload "$i" "$out/small.bin" >"$dir/up-$i.code" & running+=($!); done
  for i in "${running[@]}"; do wait "$i" || true; done
  after=$(snapshot)
  cat "$dir"/up-*.code >"$dir/uploads.code"
  # shellcheck disable=SC2046
  report "$n" "${uploads}x_upload_${conc_mib}MiB" "$uploads" "$before" "$after" $(count_codes "$dir/uploads.code") \
    "$((uploads * conc_mib))"
}

# warm SCRIPT URL [ARGS...]: BENCH_WARMUP requests of that load for each node (at most 180 s), not measured
warm() {
  local script=$1 url=$2 done=$out/nodes-$n/warmup.done w; shift 2
  rm -f "$done"
  BENCH_WRK_SCRIPT=$script BENCH_WRK_CAP=$((warmup * n)) BENCH_WRK_DONE=$done wrk -t1 -c"$conc" -d180s \
    --timeout 10s "${ident[@]}" -s "$here/lib/capped.lua" "$url" -- "$@" >>"$out/nodes-$n/warmup.txt" 2>&1 &
  w=$!
  while kill -0 "$w" 2>/dev/null && [ ! -s "$done" ]; do sleep 0.2; done
  kill -INT "$w" 2>/dev/null || true
  wait "$w" || true
}

head -c $((size_mib * 1048576)) /dev/urandom >"$out/big.bin"
big_md5=$(md5sum <"$out/big.bin" | cut -d' ' -f1)
head -c $((conc_mib * 1048576)) /dev/urandom >"$out/small.bin"
head -c $((32 * 1048576)) /dev/urandom >"$out/warm.bin"
for n in $node_counts; do
  [ -z "$per_node" ] || conc=$((per_node * n))
  echo "# $n node(s), $conc clients: load average at start $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
  start_cluster "$n"
  warm create.lua "$base/v2/images"
  curl -sf "${ident[@]}" "$base/v2/images?limit=1000" |
    python3 -c 'import json,sys; [print(i["id"]) for i in json.load(sys.stdin)["images"]]' >"$out/nodes-$n/ids.txt"
  one=$(head -1 "$out/nodes-$n/ids.txt")
  warm get.lua "$base/v2/images/$one"
  warm patch.lua "$base" "$out/nodes-$n/ids.txt" bench_group
  warm get.lua "$base/v2/images?limit=25"
  wrk_phase "$n" create create.lua "$base/v2/images"
  wrk_phase "$n" show get.lua "$base/v2/images/$one"
  wrk_phase "$n" patch patch.lua "$base" "$out/nodes-$n/ids.txt" bench_group
  wrk_phase "$n" list_25 get.lua "$base/v2/images?limit=25"
  [ "$data" = 0 ] || data_phase "$n"
  echo "# $n node(s): load average at end $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
  stop_cluster
done

# the figure to hold: node CPU per request at N nodes against 1 node, and no unexpected answer
python3 - "$out/summary.txt" <<'PY' | tee -a "$out/summary.txt"
import sys
rows = [l.split() for l in open(sys.argv[1]) if l[:1].isdigit()]
per = {(r[0], r[1]): float(r[5]) for r in rows if r[1] in ('create', 'show', 'patch', 'list_25')}
unexpected = sum(int(r[-1]) for r in rows)
conflicts = sum(int(r[-2]) for r in rows)
worst = 0.0
for (n, phase), cpu in sorted(per.items()):
    if n != '1' and ('1', phase) in per and per[('1', phase)]:
        change = cpu / per[('1', phase)] - 1
        worst = max(worst, abs(change))
        print('%s nodes, %-8s glance4j CPU per request %+.1f %% against 1 node' % (n, phase, 100 * change))
print('largest change of CPU per request: %.1f %% (%s 15 %%); 409s: %d; unexpected non-2xx or errors: %d'
      % (100 * worst, 'within' if worst <= 0.15 else 'BEYOND', conflicts, unexpected))
PY
echo "results in $out" | tee -a "$out/summary.txt"
