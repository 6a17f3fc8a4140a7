#!/usr/bin/env bash
# bench/cluster.sh: glance4j scaled out: 1, 2 and 3 nodes (processes of the runnable jar, each with its own data
# directory) on one PostgreSQL, one shared file store directory and one shared staging directory, behind Debian's
# HAProxy 2.6 (round robin, no stickiness), driven through HAProxy. For each node count it prints requests/s, the
# nodes' CPU seconds per 1,000 requests (user + system time of every node from /proc/<pid>/stat, summed, before and
# after the phase) and the number of non-2xx answers.
#
#   bench/cluster.sh [OUTDIR]
#
# Phases: records with wrk (create, show, PATCH, list of 25; BENCH_CONCURRENCY connections, BENCH_SECONDS each) and
# data with curl (one upload and one download of BENCH_SIZE_MIB, then BENCH_UPLOADS concurrent uploads of
# BENCH_CONC_MIB each). Every node count starts on a fresh database and fresh stores.
# Before the measured phases, each node count runs BENCH_WARMUP seconds of creates and of shows, unmeasured, so that
# every node's JIT has compiled the hot paths (a fresh JVM that serves a third of the load warms up slower).
# Knobs: BENCH_NODES ("1 2 3"), BENCH_SECONDS (10), BENCH_WARMUP (20), BENCH_CONCURRENCY (16), BENCH_SIZE_MIB (256; the issue asks
# for 1024), BENCH_UPLOADS (8), BENCH_CONC_MIB (64), BENCH_HEAP (-Xmx per node, 256m).
# Needs wrk, haproxy, curl, python3 and PostgreSQL's server programs; all traffic stays on 127.0.0.1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-cluster-bench.XXXXXX)}
mkdir -p "$out"
node_counts=${BENCH_NODES:-1 2 3}
secs=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-20}
conc=${BENCH_CONCURRENCY:-16}
size_mib=${BENCH_SIZE_MIB:-256}
uploads=${BENCH_UPLOADS:-8}
conc_mib=${BENCH_CONC_MIB:-64}
heap=${BENCH_HEAP:-256m}
jar=$root/app-bootstrap/target/glance4j.jar
for tool in wrk haproxy curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }
done
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)
tck=$(getconf CLK_TCK)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_user() { if [ "$(id -u)" = 0 ]; then runuser -u "$1" -- "${@:2}"; else "${@:2}"; fi; }

# one PostgreSQL for the whole run, a fresh database per node count
db_port=$(free_port)
db_dir=$out/postgresql
mkdir -p "$db_dir"
[ "$(id -u)" = 0 ] && { chmod o+x "$out"; chown postgres: "$db_dir"; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_user postgres "$pg_bin/initdb" -D "$db_dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$db_dir/init.log"
as_user postgres "$pg_bin/pg_ctl" -D "$db_dir/data" -l "$db_dir/server.log" -w -o "-p $db_port -k $db_dir \
  -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=128MB" start >/dev/null
pids=()
haproxy_pid=
stop_cluster() {
  [ -n "$haproxy_pid" ] && { kill "$haproxy_pid" 2>/dev/null || true; wait "$haproxy_pid" 2>/dev/null || true; }
  haproxy_pid=
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap 'stop_cluster; as_user postgres "$pg_bin/pg_ctl" -D "$db_dir/data" -m fast -w stop >/dev/null 2>&1 || true' EXIT

ident=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-user' -H 'X-Project-Id: bench-project'
       -H 'X-Roles: admin,member,reader')

# start_cluster N: a fresh database and stores, N nodes (the first alone, as it creates the schema), HAProxy
start_cluster() {
  local n=$1 dir=$out/nodes-$1 i port
  rm -rf "$dir"; mkdir -p "$dir"
  as_user postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$db_port" -U postgres "glance4j_$n"
  cat >"$dir/glance-api.conf" <<CONF
[DEFAULT]
enabled_backends = shared:file

[glance_store]
default_backend = shared

[shared]
filesystem_store_datadir = $dir/shared-store

[os_glance_staging_store]
filesystem_store_datadir = $dir/shared-staging

[database]
connection = postgresql://postgres@127.0.0.1:$db_port/glance4j_$n
max_pool_size = 10
CONF
  local servers=()
  for i in $(seq 1 "$n"); do
    port=$(free_port)
    # shellcheck disable=SC2086
    java -Xmx"$heap" ${JAVA_OPTS:-} -jar "$jar" serve --bind 127.0.0.1 --port "$port" --data-dir "$dir/node$i" \
      --auth trusted-headers --config "$dir/glance-api.conf" >"$dir/node$i.log" 2>&1 &
    pids+=($!)
    servers+=("    server node$i 127.0.0.1:$port")
    [ "$i" = 1 ] && await "http://127.0.0.1:$port" "$!" "$dir/node1.log"
  done
  for i in $(seq 1 "$n"); do
    await "http://127.0.0.1:$(sed 's/.*:\([0-9]*\)$/\1/' <<<"${servers[$((i - 1))]}")" "${pids[$((i - 1))]}" \
      "$dir/node$i.log"
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

# await URL PID LOG: until URL/versions answers (bounded), or the process ended
await() {
  for _ in $(seq 1 1200); do
    curl -sf --max-time 5 "$1/versions" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "no answer from $1" >&2; exit 1
}

# cpu: the nodes' user + system CPU time in clock ticks
cpu() {
  local total=0 p
  for p in "${pids[@]}"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

printf '%-6s %-22s %10s %14s %10s %8s %s\n' nodes phase req/s cpu_s/1000req cpu_s/GiB non2xx statuses |
  tee "$out/summary.txt"
# report NODES PHASE REQUESTS SECONDS CPU_TICKS NON2XX STATUSES [MIB]: MIB moved, for the data phases
report() {
  python3 - "$tck" "$@" <<'PY' | tee -a "$out/summary.txt"
import sys
tck, n, phase, req, secs, ticks, bad, statuses = sys.argv[1:9]
mib = float(sys.argv[9]) if len(sys.argv) > 9 else 0
req, secs, ticks = int(req), float(secs), int(ticks)
cpu = ticks / float(tck)
rate = req / secs if secs else 0
per = cpu / req * 1000 if req else 0
per_gib = '%.2f' % (cpu / (mib / 1024)) if mib else '-'
print('%-6s %-22s %10.1f %14.3f %10s %8s %s' % (n, phase, rate, per, per_gib, bad, statuses))
PY
}

# wrk_phase NODES NAME SCRIPT URL [ARGS...]
wrk_phase() {
  local n=$1 name=$2 script=$3 url=$4; shift 4
  local before after file=$out/nodes-$n/wrk-$name.txt
  before=$(cpu)
  wrk -t2 -c"$conc" -d"${secs}s" --timeout 10s "${ident[@]}" -s "$here/wrk/$script" "$url" -- "$@" >"$file" 2>&1 || true
  after=$(cpu)
  python3 - "$file" <<'PY' >"$file.parsed"
import json, sys
line = next((l for l in open(sys.argv[1]) if l.startswith('RESULT ')), None)
r = json.loads(line[7:]) if line else {'requests': 0, 'seconds': 0, 'errors': 0, 'statuses': {}}
bad = sum(v for k, v in r['statuses'].items() if not k.startswith('2')) + r['errors']
print(r['requests'], r['seconds'], bad, json.dumps(r['statuses'], sort_keys=True).replace(' ', ''))
PY
  read -r req s bad statuses <"$file.parsed"
  report "$n" "$name" "$req" "$s" $((after - before)) "$bad" "$statuses"
}

# data_phase NODES: one upload and one download of size_mib, then $uploads concurrent uploads of conc_mib
data_phase() {
  local n=$1 dir=$out/nodes-$1 before after start end id i codes
  head -c $((size_mib * 1048576)) /dev/urandom >"$out/big.bin"
  head -c $((conc_mib * 1048576)) /dev/urandom >"$out/small.bin"
  new_image() {
    curl -sf --max-time 30 "${ident[@]}" -X POST -H 'Content-Type: application/json' \
      -d '{"name":"bench-data","disk_format":"raw","container_format":"bare"}' "$base/v2/images" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
  }
  upload() {
    curl -sS --max-time 900 "${ident[@]}" -o /dev/null -w '%{http_code}\n' -T "$2" \
      -H 'Content-Type: application/octet-stream' -H 'Expect:' "$base/v2/images/$1/file" || echo curl-failed
  }
  id=$(new_image)
  before=$(cpu); start=$(date +%s.%N)
  codes=$(upload "$id" "$out/big.bin")
  end=$(date +%s.%N); after=$(cpu)
  report "$n" "upload_${size_mib}MiB" 1 "$(echo "$end - $start" | bc)" $((after - before)) \
    "$(grep -vc '^2' <<<"$codes" || true)" "$codes" "$size_mib"
  echo "  upload ${size_mib} MiB: $(echo "scale=1; $size_mib / ($end - $start)" | bc) MiB/s" | tee -a "$out/summary.txt"
  before=$(cpu); start=$(date +%s.%N)
  codes=$(curl -sS --max-time 900 "${ident[@]}" -o /dev/null -w '%{http_code}' "$base/v2/images/$id/file" || echo curl-failed)
  end=$(date +%s.%N); after=$(cpu)
  report "$n" "download_${size_mib}MiB" 1 "$(echo "$end - $start" | bc)" $((after - before)) \
    "$(grep -vc '^2' <<<"$codes" || true)" "$codes" "$size_mib"
  echo "  download ${size_mib} MiB: $(echo "scale=1; $size_mib / ($end - $start)" | bc) MiB/s" | tee -a "$out/summary.txt"
  local ids=()
  for i in $(seq 1 "$uploads"); do ids+=("$(new_image)"); done
  before=$(cpu); start=$(date +%s.%N)
  local running=()
  for i in "${ids[@]}"; do upload "$i" "$out/small.bin" >"$dir/up-$i.code" & running+=($!); done
  for i in "${running[@]}"; do wait "$i" || true; done
  end=$(date +%s.%N); after=$(cpu)
  codes=$(cat "$dir"/up-*.code)
  report "$n" "${uploads}x_upload_${conc_mib}MiB" "$uploads" "$(echo "$end - $start" | bc)" $((after - before)) \
    "$(grep -vc '^2' <<<"$codes" || true)" "$(sort <<<"$codes" | uniq -c | tr -s ' \n' ' ' | sed 's/^ //; s/ $//; s/ /x/')" \
    "$((uploads * conc_mib))"
  echo "  ${uploads} concurrent uploads: $(echo "scale=1; $uploads * $conc_mib / ($end - $start)" | bc) MiB/s in all" |
    tee -a "$out/summary.txt"
}

for n in $node_counts; do
  start_cluster "$n"
  wrk -t2 -c"$conc" -d"${warmup}s" --timeout 10s "${ident[@]}" -s "$here/wrk/create.lua" "$base/v2/images" \
    >"$out/nodes-$n/warmup-create.txt" 2>&1 || true
  wrk -t2 -c"$conc" -d"${warmup}s" --timeout 10s "${ident[@]}" -s "$here/wrk/get.lua" "$base/v2/images?limit=25" \
    >"$out/nodes-$n/warmup-list.txt" 2>&1 || true
  wrk_phase "$n" create create.lua "$base/v2/images"
  curl -sf "${ident[@]}" "$base/v2/images?limit=1000" |
    python3 -c 'import json,sys; [print(i["id"]) for i in json.load(sys.stdin)["images"]]' >"$out/nodes-$n/ids.txt"
  one=$(head -1 "$out/nodes-$n/ids.txt")
  wrk_phase "$n" show get.lua "$base/v2/images/$one"
  wrk_phase "$n" patch patch.lua "$base" "$out/nodes-$n/ids.txt" bench_group
  wrk_phase "$n" list_25 get.lua "$base/v2/images?limit=25"
  data_phase "$n"
  stop_cluster
done
echo "results in $out" | tee -a "$out/summary.txt"
