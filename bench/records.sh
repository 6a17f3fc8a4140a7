#!/usr/bin/env bash
# bench/records.sh: load benchmark of the image-record calls of glance4j (create, show, PATCH,
# list), through the whole stack (HTTP, core, SQLite), with the server's heap capped at 256 MiB.
#
#   bench/records.sh [OUTDIR]
#
# Starts the runnable jar (built if missing) on a free loopback port in trusted-headers mode with
# a fresh data directory, drives it with wrk (Debian package `wrk`) from this machine, and prints
# one table. All traffic goes to 127.0.0.1; every phase is bounded in time or request count.
# Knobs: BENCH_SECONDS (per load phase, default 15), BENCH_CONCURRENCY (16), BENCH_IMAGES (images
# stored before the list phase, default 100000), BENCH_HEAP (-Xmx, default 256m), JAVA_OPTS,
# BENCH_DATABASE (sqlite, the default: the data directory's file; postgresql or mariadb: a throw-away
# server of that kind started in OUTDIR on a free loopback port, as the tests do, and named by
# [database] connection as postgresql:// or mysql+pymysql://), BENCH_CONFIG (a glance-api.conf of
# your own, passed as --config; it wins over BENCH_DATABASE), BENCH_JAR (the runnable jar to measure),
# BENCH_SEED (how the images before the list phase are made: api, the default, POSTs them through the
# server with wrk after the PATCH phase; sql, PostgreSQL only, inserts them straight into the throw-away
# database with generate_series before the first phase, so that create, show and PATCH run against
# BENCH_IMAGES images too: one to two minutes for 1,000,000), BENCH_WARMUP (seconds of unmeasured create
# and list load before the first phase, default 0; a fresh JVM compiles for tens of seconds),
# BENCH_DATABASE_OPTIONS (more lines for the [database] section with BENCH_DATABASE, e.g.
# 'max_pool_size = 16\n').
# The list_25_member phases list as a member (not an administrator) of a second project, which owns 5 images and has 3
# of the benchmark project's images shared with it (2 accepted, 1 pending) among all the others: the cost of a
# non-administrator's page among many images it may not see.
# Besides requests per second and latency, each phase gives the server's CPU seconds per 1,000 requests (which is
# CPU milliseconds per request): user plus system time from /proc/<pid>/stat of the java process, and of the database
# server (for PostgreSQL the postmaster with its live backends and the children it has reaped). wrk's own CPU is not
# counted; on a busy machine these figures move less than requests per second do.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-bench.XXXXXX)}
mkdir -p "$out"
secs=${BENCH_SECONDS:-15}
conc=${BENCH_CONCURRENCY:-16}
target_images=${BENCH_IMAGES:-100000}
heap=${BENCH_HEAP:-256m}
seed=${BENCH_SEED:-api}
warmup=${BENCH_WARMUP:-0}
jar=${BENCH_JAR:-$root/app-bootstrap/target/glance4j.jar}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)

source "$here/lib/database.sh"
port=$(free_port)
base=http://127.0.0.1:$port
database=${BENCH_DATABASE:-sqlite}
config=${BENCH_CONFIG:-}
db_stop=:
db_pid=
[ "$seed" = sql ] && { [ "$database" = postgresql ] && [ -z "$config" ] \
  || { echo "BENCH_SEED=sql needs BENCH_DATABASE=postgresql (and no BENCH_CONFIG)" >&2; exit 1; }; }
if [ -z "$config" ] && [ "$database" != sqlite ]; then
  start_database "$database" "$out/$database"
  config=$out/glance-api.conf
  printf '[database]\nconnection = %s\n%b' "$connection" "${BENCH_DATABASE_OPTIONS:-}" >"$config"
fi
config_args=(); [ -n "$config" ] && config_args=(--config "$config")
# shellcheck disable=SC2086
java -Xmx"$heap" -Xlog:gc*:file="$out/gc.log" ${JAVA_OPTS:-} -jar "$jar" serve --bind 127.0.0.1 \
  --port "$port" --data-dir "$out/data" --auth trusted-headers "${config_args[@]}" >"$out/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; eval "$db_stop" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "$base/versions" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done

ident=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-user' -H 'X-Project-Id: bench-project'
       -H 'X-Tenant-Id: bench-project' -H 'X-Roles: admin,member,reader')
# A member (not an administrator) of a second project that owns a handful of images and has a few more shared with it.
member_ident=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-member' -H 'X-Project-Id: bench-small-project'
              -H 'X-Tenant-Id: bench-small-project' -H 'X-Roles: member,reader')
run_ident=("${ident[@]}") # whose headers run's wrk sends
db_line="sqlite in $out/data"
[ -n "$config" ] && grep -q '^connection' "$config" \
  && db_line=$(grep -m1 '^connection' "$config" | sed 's/^connection *= *//; s/:[^:@/]*@/:****@/')
echo "database: $db_line" | tee "$out/summary.txt"
printf '%-28s %10s %9s %9s %9s %8s %11s %11s %s\n' phase req/s p50_ms p90_ms p99_ms errors jvm_cpu_s/1k db_cpu_s/1k \
  statuses | tee -a "$out/summary.txt"

# cpu_ticks: the CPU time used so far (clock ticks, user + system) by the server ("java N") and the database server
# ("db N": its main process, the children it reaped, and its live children; 0 for SQLite, which runs in the JVM).
cpu_ticks() {
  python3 - "$pid" "${db_pid:-0}" <<'PY'
import os, sys
def stat(p):
    try:
        with open('/proc/%s/stat' % p) as f:
            return f.read().rsplit(')', 1)[1].split()
    except OSError:
        return None
java, db = sys.argv[1], sys.argv[2]
s = stat(java)
java_ticks = int(s[11]) + int(s[12]) if s else 0
db_ticks = 0
if db != '0':
    s = stat(db)
    if s:
        db_ticks = int(s[11]) + int(s[12]) + int(s[13]) + int(s[14])
    for p in os.listdir('/proc'):
        if p.isdigit() and p != db:
            c = stat(p)
            if c and c[1] == db:
                db_ticks += int(c[11]) + int(c[12])
print('java %d db %d' % (java_ticks, db_ticks))
PY
}

# run NAME CONNECTIONS SECONDS SCRIPT URL [SCRIPT ARGS...]
run() {
  local name=$1 c=$2 d=$3 script=$4 url=$5; shift 5
  local t=$(( c < 2 ? 1 : 2 )) cpu_before
  cpu_before=$(cpu_ticks)
  wrk -t$t -c"$c" -d"${d}s" --timeout 10s "${run_ident[@]}" -s "$here/wrk/$script" "$url" -- "$@" \
    >"$out/wrk-$name.txt" 2>&1 &
  local wrk_pid=$! seen_workers=0 tasks
  # wrk sleeps out its whole -d even when the script has stopped every thread (create.lua with a request count,
  # the seed phase: 900 s of nothing). Once its worker threads are gone, SIGINT makes it report at once.
  while kill -0 "$wrk_pid" 2>/dev/null; do
    tasks=$(ls "/proc/$wrk_pid/task" 2>/dev/null | wc -l || true) # wrk may end between the two looks
    if [ "$tasks" -gt 1 ]; then
      seen_workers=1
    elif [ "$seen_workers" = 1 ] && [ "$tasks" = 1 ]; then
      kill -INT "$wrk_pid" 2>/dev/null || true
      break
    fi
    sleep 1
  done
  wait "$wrk_pid" || true
  python3 - "$name" "$out/wrk-$name.txt" "$cpu_before" "$(cpu_ticks)" "$(getconf CLK_TCK)" <<'PY' | tee -a "$out/summary.txt"
import json, sys
name, path, before, after, hz = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split(), int(sys.argv[5])
line = next((l for l in open(path) if l.startswith('RESULT ')), None)
if line is None:
    print('%-28s wrk failed, see %s' % (name, path)); sys.exit()
r = json.loads(line[7:])
per_1k = lambda k: (int(after[k]) - int(before[k])) / hz / max(r['requests'], 1) * 1000
print('%-28s %10.1f %9.2f %9.2f %9.2f %8d %11.3f %11.3f %s' % (name, r['requests'] / r['seconds'], r['p50_us'] / 1000,
      r['p90_us'] / 1000, r['p99_us'] / 1000, r['errors'], per_1k(1), per_1k(3), json.dumps(r['statuses'], sort_keys=True)))
PY
  sleep 1
}

api() { curl -sf "${ident[@]}" "$@"; }
count_images() {
  python3 - "$base" <<'PY'
import json, sys, urllib.request
base, n, url = sys.argv[1], 0, '/v2/images?limit=1000&sort_key=id'
hdr = {'X-Identity-Status': 'Confirmed', 'X-User-Id': 'bench-user', 'X-Project-Id': 'bench-project',
       'X-Roles': 'admin,member,reader'}
while url:
    page = json.load(urllib.request.urlopen(urllib.request.Request(base + url, headers=hdr)))
    n += len(page['images'])
    url = page.get('next')
print(n)
PY
}

# seed_sql N: N images like the ones create.lua makes (private, queued, owned by bench-project, property bench_group),
# inserted straight into PostgreSQL in batches of 100,000, created one millisecond apart before now.
seed_sql() {
  local n=$1 done=0 batch started=$SECONDS
  local first_ns=$(( ($(date +%s%N) / 1000000 - n) * 1000000 ))
  while [ "$done" -lt "$n" ]; do
    batch=$(( n - done < 100000 ? n - done : 100000 ))
    $db_psql <<SQL
WITH seeded AS (
  INSERT INTO images (id, name, status, visibility, protected, os_hidden, checksum, os_hash_algo, os_hash_value, owner,
                      size, virtual_size, container_format, disk_format, min_disk, min_ram, created_at, updated_at,
                      deleted_at, revision, locations)
  SELECT gen_random_uuid()::text, 'seed-' || g, 'queued', 'private', false, false, NULL, NULL, NULL, 'bench-project',
         NULL, NULL, 'bare', 'raw', 0, 0, $first_ns + g::bigint * 1000000, $first_ns + g::bigint * 1000000, NULL, 0, NULL
  FROM generate_series($done + 1, $done + $batch) AS g
  RETURNING id, name)
INSERT INTO image_properties (image_id, name, value)
SELECT id, 'bench_group', 'g' || (substr(name, 6)::bigint % 100) FROM seeded;
SQL
    done=$(( done + batch ))
  done
  $db_psql <<<'VACUUM ANALYZE images; VACUUM ANALYZE image_properties; CHECKPOINT;'
  echo "seeded $n images with SQL in $(( SECONDS - started )) s" | tee -a "$out/summary.txt"
}
if [ "$seed" = sql ]; then
  seed_sql "$(( target_images - 1 ))" # the single image of the show phase makes it BENCH_IMAGES
fi
if [ "$warmup" -gt 0 ]; then
  # The JIT compilers of a fresh JVM take CPU for tens of seconds under load: give them load that is not measured.
  run warmup_create "$conc" "$warmup" create.lua "$base/v2/images" >/dev/null
  run warmup_list "$conc" "$warmup" get.lua "$base/v2/images?limit=25" >/dev/null
  sed -i '/^warmup_/d' "$out/summary.txt"
fi

run create_c1 1 "$secs" create.lua "$base/v2/images"
run "create_c$conc" "$conc" "$secs" create.lua "$base/v2/images"
one=$(api -X POST -H 'Content-Type: application/json' -d '{"name":"bench-one","disk_format":"raw","container_format":"bare","bench_group":"g0"}' \
      "$base/v2/images" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
run show_c1 1 "$secs" get.lua "$base/v2/images/$one"
run "show_c$conc" "$conc" "$secs" get.lua "$base/v2/images/$one"
api "$base/v2/images?limit=1000" | python3 -c 'import json,sys; [print(i["id"]) for i in json.load(sys.stdin)["images"]]' >"$out/ids.txt"
run patch_c1 1 "$secs" patch.lua "$base" "$out/ids.txt" bench_group
run "patch_c$conc" "$conc" "$secs" patch.lua "$base" "$out/ids.txt" bench_group

if [ "$seed" = api ]; then
  have=$(count_images)
  if [ "$have" -lt "$target_images" ]; then
    per_thread=$(( (target_images - have + 1) / 2 ))
    run "seed_to_$target_images" "$conc" 900 create.lua "$base/v2/images" "$per_thread"
  fi
  have=$(count_images)
else
  have=$($db_psql -At <<<"SELECT count(*) FROM images WHERE status <> 'deleted'")
fi
echo "images stored: $have" | tee -a "$out/summary.txt"
run list_25 1 "$secs" get.lua "$base/v2/images?limit=25"
run list_1000 1 "$secs" get.lua "$base/v2/images?limit=1000"
run list_25_name_sort 1 "$secs" get.lua "$base/v2/images?limit=25&sort=name:asc"
run list_25_property_filter 1 "$secs" get.lua "$base/v2/images?limit=25&bench_group=g7"
mid=$(sed -n 500p "$out/ids.txt")
run list_25_after_marker 1 "$secs" get.lua "$base/v2/images?limit=25&marker=$mid"
run "list_25_c$conc" "$conc" "$secs" get.lua "$base/v2/images?limit=25"

# The member of the small project sees 5 images of its own and 3 of bench-project's shared with it (2 accepted, 1
# pending) among all the others, which it may not see: a page must not cost a walk through every image.
for k in 1 2 3 4 5; do
  curl -sf "${member_ident[@]}" -X POST -H 'Content-Type: application/json' \
    -d '{"name":"small-'$k'","disk_format":"raw","container_format":"bare"}' "$base/v2/images" >/dev/null
done
for k in 1 2 3; do
  shared=$(sed -n "$(( k * 100 ))p" "$out/ids.txt")
  api -X PATCH -H 'Content-Type: application/openstack-images-v2.1-json-patch' \
    -d '[{"op":"replace","path":"/visibility","value":"shared"}]' "$base/v2/images/$shared" >/dev/null
  api -X POST -H 'Content-Type: application/json' -d '{"member":"bench-small-project"}' \
    "$base/v2/images/$shared/members" >/dev/null
  [ "$k" = 3 ] || curl -sf "${member_ident[@]}" -X PUT -H 'Content-Type: application/json' \
    -d '{"status":"accepted"}' "$base/v2/images/$shared/members/bench-small-project" >/dev/null
done
run_ident=("${member_ident[@]}")
run list_25_member 1 "$secs" get.lua "$base/v2/images?limit=25"
run list_25_member_shared 1 "$secs" get.lua "$base/v2/images?limit=25&visibility=shared"
run "list_25_member_c$conc" "$conc" "$secs" get.lua "$base/v2/images?limit=25"
run_ident=("${ident[@]}")

{
  echo "server heap cap: -Xmx$heap; peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"
  echo "largest heap in use after a GC: $(grep -o 'Pause[^>]*->[0-9]*M([0-9]*M)' "$out/gc.log" | sed 's/.*->\([0-9]*\)M(\([0-9]*\)M)/\1 \2/' | sort -n | tail -1 | awk '{print $1 " MiB of " $2 " MiB committed"}')"
  echo "results in $out"
} | tee -a "$out/summary.txt"
