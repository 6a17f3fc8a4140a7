#!/usr/bin/env bash
# bench/proxy.sh: downloads of one public image by concurrent clients, straight from glance4j and through Varnish
# with the VCL of docs/caching-proxies.md (read from the page, as the tests do), next to the page-cache read limit of
# this machine. For each phase it prints the aggregate MiB/s the clients saw, glance4j's CPU seconds per GiB served
# and (through Varnish) varnishd's.
#
#   bench/proxy.sh [OUTDIR]
#
# Starts the runnable jar (built if missing) on a free loopback port in trusted-headers mode with a fresh data
# directory in OUTDIR, creates a public image of BENCH_SIZE_MIB random MiB as an admin, and starts varnishd in the
# foreground on another free port with a malloc store big enough for it. Phases:
#   direct            BENCH_CONCURRENCY clients at once, straight from glance4j (every byte read from the store)
#   varnish cold      one client through Varnish: the miss that fills the copy (also checks the md5)
#   varnish warm      BENCH_CONCURRENCY clients at once through Varnish: each one a conditional GET that glance4j
#                     answers 304 without reading the store, the bytes from Varnish's copy
# With BENCH_CACHE=1 (the default for the s3 store; the file store's bytes are local files that the node cache
# never copies), glance4j is restarted on the same data directory with the node image cache on
# (image_cache_dir in OUTDIR) after the direct phase, and two phases come before Varnish's:
#   node cache fill   one client: the download that writes the cached copy while it streams (read from the store)
#   node cache warm   BENCH_CONCURRENCY clients at once, every byte from the cached file (zero-copy)
# Varnish's phases then run against the server with the cache on (its cold miss is served from the node cache).
# Every curl is bounded (--max-time). Needs about 2 GiB free in OUTDIR (3 GiB with the cache) and BENCH_SIZE_MIB +
# 512 MiB of memory for Varnish.
# Knobs: BENCH_SIZE_MIB (default 1024), BENCH_CONCURRENCY (8), BENCH_HEAP (-Xmx, 512m), JAVA_OPTS;
# BENCH_STORE=file (default: the file store in the data directory) or s3: the S3 API of a throw-away single-node
# Swift that the script starts in OUTDIR (bench/lib/swift.sh; Debian's swift-proxy, swift-account,
# swift-container, swift-object and memcached), or an S3 endpoint that is already running when BENCH_S3_URL is set
# (with BENCH_S3_ACCESS_KEY, BENCH_S3_SECRET_KEY, BENCH_S3_BUCKET; the bucket is created if missing); BENCH_CACHE
# (0 or 1, see above).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-proxy-bench.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
size_mib=${BENCH_SIZE_MIB:-1024}
conc=${BENCH_CONCURRENCY:-8}
heap=${BENCH_HEAP:-512m}
store=${BENCH_STORE:-file}
jar=$root/app-bootstrap/target/glance4j.jar
for tool in curl python3 dd md5sum varnishd; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)
source "$here/lib/database.sh"   # free_port
source "$here/lib/swift.sh"
# shellcheck source=lib/glance4j.sh
source "$here/lib/glance4j.sh"
cache=${BENCH_CACHE:-$([ "$store" = s3 ] && echo 1 || echo 0)}
swift_stop=:

# --- glance4j ---------------------------------------------------------------------------------------------------
rm -rf "$out/data" "$out/varnish" "$out/cache" "$out/swift"
printf '[DEFAULT]\n' >"$out/glance-api.conf"
case $store in
  file) ;;
  s3)
    write_s3_conf "$out/swift" "$out/glance-api.conf"
    ;;
  *) echo "BENCH_STORE must be file or s3, not $store" >&2; exit 1 ;;
esac
port=$(free_port)
base=http://127.0.0.1:$port
pid=
vpid=
# start_glance4j CONF LOG: the runnable jar on $port with the data directory of OUTDIR (bench/lib/glance4j.sh)
start_glance4j() { start_one_glance4j "$1" "$2" 30; }
stop_glance4j() { [ -n "$pid" ] || return 0; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
cleanup() {
  [ -n "$vpid" ] && { kill "$vpid" 2>/dev/null || true; wait "$vpid" 2>/dev/null || true; }
  stop_glance4j
  eval "$swift_stop" 2>/dev/null || true
}
trap cleanup EXIT
start_glance4j "$out/glance-api.conf" "$out/server.log"

# --- Varnish with the page's VCL ------------------------------------------------------------------------------
vport=$(free_port)
vbase=http://127.0.0.1:$vport
mkdir -p "$out/varnish"
python3 - "$root/docs/caching-proxies.md" "$port" >"$out/varnish/glance4j.vcl" <<'EOF'
import re, sys
page, port = sys.argv[1], sys.argv[2]
blocks = re.findall(r"^```vcl\n(.*?)^```$", open(page).read(), re.S | re.M)
assert len(blocks) == 1, "one vcl block expected"
print(blocks[0].replace('.port = "9292"', '.port = "%s"' % port), end="")
EOF
varnishd -F -j none -n "$out/varnish/work" -a "127.0.0.1:$vport" -f "$out/varnish/glance4j.vcl" \
  -s "malloc,$((size_mib + 512))m" -T none >"$out/varnish/varnishd.log" 2>&1 &
vpid=$!
for _ in $(seq 1 600); do
  curl -s -o /dev/null "$vbase/versions" 2>/dev/null && break
  kill -0 $vpid 2>/dev/null || { cat "$out/varnish/varnishd.log" >&2; exit 1; }
  sleep 0.1
done

ident=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-user' -H 'X-Project-Id: bench-project'
       -H 'X-Tenant-Id: bench-project' -H 'X-Roles: admin,member,reader')
now() { date +%s.%N; }
# cpu PID...: user+system CPU seconds of the processes and their threads (and their reaped children)
cpu() {
  local tick total=0 p
  tick=$(getconf CLK_TCK)
  for p in "$@"; do
    total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat")))
  done
  python3 -c "import sys; print('%.2f' % (int(sys.argv[1]) / int(sys.argv[2])))" "$total" "$tick"
}
varnish_pids() { pgrep -d ' ' -P "$vpid" 2>/dev/null; echo "$vpid"; }
calc() { python3 -c "import sys; print(('%.' + sys.argv[1] + 'f') % eval(sys.argv[2]))" "$@"; }
row() { printf '%-40s %8s %9s %9s %14s %14s\n' "$@" | tee -a "$out/summary.txt"; }

# --- the image --------------------------------------------------------------------------------------------------
echo "generating $size_mib MiB of random bytes in $out" >&2
head -c "$((size_mib * 1048576))" /dev/urandom >"$out/image.bin"
md5=$(md5sum <"$out/image.bin" | cut -d' ' -f1)
id=$(curl -sf --max-time 30 "${ident[@]}" -X POST -H 'Content-Type: application/json' \
  -d '{"name":"bench-public","visibility":"public","disk_format":"raw","container_format":"bare"}' \
  "$base/v2/images" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
status=$(curl -sS --max-time 900 "${ident[@]}" -o "$out/upload.body" -w '%{http_code}' -T "$out/image.bin" \
  -H 'Content-Type: application/octet-stream' -H 'Expect:' "$base/v2/images/$id/file")
[ "$status" = 204 ] || { echo "upload failed: $status $(cat "$out/upload.body")" >&2; exit 1; }

# concurrent BASE N: N downloads at once to /dev/null; prints seconds; fails unless each got the whole image
concurrent() {
  local url=$1/v2/images/$id/file n=$2 i t0 t1 pids=()
  t0=$(now)
  for i in $(seq 1 "$n"); do
    curl -sS --max-time 900 "${ident[@]}" -o /dev/null -w '%{http_code} %{size_download}\n' "$url" \
      >"$out/got-$i.txt" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  t1=$(now)
  for i in $(seq 1 "$n"); do
    [ "$(cat "$out/got-$i.txt")" = "200 $((size_mib * 1048576))" ] ||
      { echo "download $i failed: $(cat "$out/got-$i.txt")" >&2; exit 1; }
  done
  calc 2 "$t1 - $t0"
}

: >"$out/summary.txt"
row phase MiB seconds MiB/s "glance4j CPU/GiB" "varnishd CPU/GiB"

# --- straight from glance4j ---------------------------------------------------------------------------------
curl -sS --max-time 900 "${ident[@]}" -o /dev/null "$base/v2/images/$id/file"   # store's page cache warm
c0=$(cpu $pid)
s=$(concurrent "$base" "$conc")
c1=$(cpu $pid)
mib=$((conc * size_mib))
row "direct, $conc clients ($store store)" "$mib" "$s" "$(calc 0 "$mib / $s")" \
  "$(calc 2 "($c1 - $c0) / ($mib / 1024)") s" "-"

# --- the node image cache: one download fills it, then every client reads the cached file -----------------------
if [ "$cache" = 1 ]; then
  stop_glance4j
  sed "s|^\[DEFAULT\]\$|[DEFAULT]\nimage_cache_dir = $out/cache\nimage_cache_max_size = $((4 * size_mib * 1048576))\ncache_prefetcher_interval = 3600|" \
    "$out/glance-api.conf" >"$out/cached.conf"
  start_glance4j "$out/cached.conf" "$out/server-cached.log"
  c0=$(cpu $pid); t0=$(now)
  curl -sS --max-time 900 "${ident[@]}" -o /dev/null "$base/v2/images/$id/file"
  t1=$(now); c1=$(cpu $pid)
  s=$(calc 2 "$t1 - $t0")
  row "node cache fill, 1 client" "$size_mib" "$s" "$(calc 0 "$size_mib / $s")" \
    "$(calc 2 "($c1 - $c0) / ($size_mib / 1024)") s" "-"
  for _ in $(seq 1 600); do [ -f "$out/cache/$id" ] && break; sleep 0.1; done
  [ -f "$out/cache/$id" ] || { echo "the node cache holds no copy of $id after a whole download" >&2; exit 1; }
  c0=$(cpu $pid)
  s=$(concurrent "$base" "$conc")
  c1=$(cpu $pid)
  row "node cache warm, $conc clients" "$mib" "$s" "$(calc 0 "$mib / $s")" \
    "$(calc 2 "($c1 - $c0) / ($mib / 1024)") s" "-"
fi

# --- through Varnish: the miss that fills the copy ----------------------------------------------------------
# shellcheck disable=SC2046
c0=$(cpu $pid); v0=$(cpu $(varnish_pids))
t0=$(now)
got=$(curl -sS --max-time 900 "${ident[@]}" "$vbase/v2/images/$id/file" | md5sum | cut -d' ' -f1)
t1=$(now)
# shellcheck disable=SC2046
c1=$(cpu $pid); v1=$(cpu $(varnish_pids))
[ "$got" = "$md5" ] || { echo "the image through Varnish differs (md5 $got, not $md5)" >&2; exit 1; }
s=$(calc 2 "$t1 - $t0")
row "varnish cold, 1 client (md5 checked)" "$size_mib" "$s" "$(calc 0 "$size_mib / $s")" \
  "$(calc 2 "($c1 - $c0) / ($size_mib / 1024)") s" "$(calc 2 "($v1 - $v0) / ($size_mib / 1024)") s"

# --- through Varnish: every client revalidates, glance4j answers 304 --------------------------------------
# shellcheck disable=SC2046
c0=$(cpu $pid); v0=$(cpu $(varnish_pids))
s=$(concurrent "$vbase" "$conc")
# shellcheck disable=SC2046
c1=$(cpu $pid); v1=$(cpu $(varnish_pids))
row "varnish warm, $conc clients" "$mib" "$s" "$(calc 0 "$mib / $s")" \
  "$(calc 2 "($c1 - $c0) / ($mib / 1024)") s" "$(calc 2 "($v1 - $v0) / ($mib / 1024)") s"

# --- the machine's limit ----------------------------------------------------------------------------------------
cat "$out/image.bin" >/dev/null
t0=$(now); dd if="$out/image.bin" of=/dev/null bs=1M status=none; t1=$(now)
s=$(calc 2 "$t1 - $t0")
row "page-cache read (dd, 1 stream)" "$size_mib" "$s" "$(calc 0 "$size_mib / $s")" "-" "-"

{
  echo "results in $out"
  echo "varnish: $(varnishstat -n "$out/varnish/work" -1 -f MAIN.cache_miss -f MAIN.cache_hit -f MAIN.cache_hitmiss \
    -f MAIN.backend_req -f MAIN.s_fetch 2>/dev/null | awk '{printf "%s=%s ", $1, $2}')"
} | tee -a "$out/summary.txt"
rm -f "$out/image.bin"
