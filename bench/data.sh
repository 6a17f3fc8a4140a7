#!/usr/bin/env bash
# bench/data.sh: image data throughput of glance4j (PUT and GET /v2/images/{id}/file) through the whole stack
# (HTTP, core hashing md5 + os_hash, file store with fsync), with the server's heap capped at 256 MiB, next to
# what this machine can do at best: a dd write with fdatasync, md5sum and sha512sum of the same bytes, and a read
# from the page cache.
#
#   bench/data.sh [OUTDIR]
#
# Starts the runnable jar (built if missing) on a free loopback port in trusted-headers mode with a fresh data
# directory in OUTDIR, drives it with curl on 127.0.0.1, and prints one table and the server's peak RSS. Every
# curl is bounded (--max-time). Needs about 4 GiB free in OUTDIR.
# Knobs: BENCH_SIZE_MIB (single stream, default 1024), BENCH_CONCURRENCY (8), BENCH_CONC_MIB (128 per upload),
# BENCH_HEAP (-Xmx, default 256m), JAVA_OPTS; BENCH_TARGET=http://HOST:PORT drives a server that is already running
# (for example real Glance behind the same trusted headers) instead of starting the jar.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-data-bench.XXXXXX)}
mkdir -p "$out"
size_mib=${BENCH_SIZE_MIB:-1024}
conc=${BENCH_CONCURRENCY:-8}
conc_mib=${BENCH_CONC_MIB:-128}
heap=${BENCH_HEAP:-256m}
jar=$root/app-bootstrap/target/glance4j.jar
for tool in curl python3 dd md5sum sha512sum; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
[ -n "${BENCH_TARGET:-}" ] || [ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)

pid=
who=glance4j
if [ -n "${BENCH_TARGET:-}" ]; then
  base=${BENCH_TARGET%/}
  who=server
else
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  base=http://127.0.0.1:$port
  rm -rf "$out/data"
  # shellcheck disable=SC2086
  java -Xmx"$heap" -Xlog:gc*:file="$out/gc.log" ${JAVA_OPTS:-} -jar "$jar" serve --bind 127.0.0.1 \
    --port "$port" --data-dir "$out/data" --auth trusted-headers >"$out/server.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do
    curl -sf "$base/versions" >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
    sleep 0.1
  done
fi
curl -sf "$base/versions" >/dev/null || { echo "the server did not answer at $base" >&2; exit 1; }

ident=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-user' -H 'X-Project-Id: bench-project'
       -H 'X-Tenant-Id: bench-project' -H 'X-Roles: admin,member,reader')
now() { date +%s.%N; }
# rate MIB START END: MiB/s
rate() { python3 -c "import sys; m,a,b=map(float,sys.argv[1:]); print('%.1f' % (m/(b-a)))" "$@"; }
secs() { python3 -c "import sys; a,b=map(float,sys.argv[1:]); print('%.2f' % (b-a))" "$@"; }
row() { printf '%-34s %8s %9s %10s  %s\n' "$@" | tee -a "$out/summary.txt"; }
create() {
  curl -sf --max-time 30 "${ident[@]}" -X POST -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}" "$base/v2/images" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
# upload ID FILE: prints the HTTP status; curl streams the file (-T), never loads it whole
upload() {
  curl -sS --max-time 900 "${ident[@]}" -o "$out/upload-$1.body" -w '%{http_code}' -T "$2" \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' "$base/v2/images/$1/file" || echo "curl-failed"
}
field() {
  curl -sf --max-time 30 "${ident[@]}" "$base/v2/images/$1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1]))' "$2"
}

echo "generating ${size_mib} MiB and ${conc_mib} MiB of random bytes in $out" >&2
head -c "$((size_mib * 1048576))" /dev/urandom >"$out/big.bin"
head -c "$((conc_mib * 1048576))" /dev/urandom >"$out/part.bin"
cat "$out/big.bin" "$out/part.bin" >/dev/null   # into the page cache, as the uploads read them

: >"$out/summary.txt"
row phase MiB seconds MiB/s note

# --- glance4j: one stream up and down -------------------------------------------------------------------
id=$(create bench-big)
t0=$(now); status=$(upload "$id" "$out/big.bin"); t1=$(now)
[ "$status" = 204 ] || { echo "upload failed: $status $(cat "$out/upload-$id.body")" >&2; exit 1; }
row "$who upload 1 stream" "$size_mib" "$(secs "$t0" "$t1")" "$(rate "$size_mib" "$t0" "$t1")" \
    "md5+$(field "$id" os_hash_algo), fsync"
t0=$(now)
got=$(curl -sS --max-time 900 "${ident[@]}" -o /dev/null -w '%{http_code} %{size_download}' "$base/v2/images/$id/file")
t1=$(now)
[ "$got" = "200 $((size_mib * 1048576))" ] || { echo "download failed: $got" >&2; exit 1; }
row "$who download 1 stream" "$size_mib" "$(secs "$t0" "$t1")" "$(rate "$size_mib" "$t0" "$t1")" "to /dev/null"

# --- glance4j: concurrent uploads -----------------------------------------------------------------------
ids=()
for i in $(seq 1 "$conc"); do ids+=("$(create "bench-part-$i")"); done
uploaders=()
t0=$(now)
for i in "${!ids[@]}"; do
  (upload "${ids[$i]}" "$out/part.bin" >"$out/status-$i.txt") &
  uploaders+=($!)
done
for uploader in "${uploaders[@]}"; do wait "$uploader" || true; done
t1=$(now)
ok=0
for i in "${!ids[@]}"; do
  [ "$(cat "$out/status-$i.txt")" = 204 ] && ok=$((ok + 1))
done
row "$who upload ${conc}x${conc_mib} MiB concurrent" "$((conc * conc_mib))" "$(secs "$t0" "$t1")" \
    "$(rate "$((conc * conc_mib))" "$t0" "$t1")" "$ok of $conc succeeded"

# --- the machine's limits on the same bytes -------------------------------------------------------------
t0=$(now); dd if="$out/big.bin" of="$out/dd.bin" bs=1M conv=fdatasync status=none; t1=$(now)
row "dd write conv=fdatasync" "$size_mib" "$(secs "$t0" "$t1")" "$(rate "$size_mib" "$t0" "$t1")" "disk limit"
rm -f "$out/dd.bin"
t0=$(now); md5=$(md5sum <"$out/big.bin" | cut -d' ' -f1); t1=$(now)
row "md5sum" "$size_mib" "$(secs "$t0" "$t1")" "$(rate "$size_mib" "$t0" "$t1")" "one core"
t0=$(now); sha=$(sha512sum <"$out/big.bin" | cut -d' ' -f1); t1=$(now)
row "sha512sum" "$size_mib" "$(secs "$t0" "$t1")" "$(rate "$size_mib" "$t0" "$t1")" "one core"
t0=$(now); dd if="$out/big.bin" of=/dev/null bs=1M status=none; t1=$(now)
row "page-cache read (dd)" "$size_mib" "$(secs "$t0" "$t1")" "$(rate "$size_mib" "$t0" "$t1")" "memory limit"

# --- integrity: what the server computed is what the tools computed ----------------------------------
[ "$(field "$id" checksum)" = "$md5" ] || { echo "checksum differs from md5sum" >&2; exit 1; }
[ "$(field "$id" os_hash_value)" = "$sha" ] || echo "note: os_hash_value is not sha512 (hashing_algorithm set?)" >&2
part_md5=$(md5sum <"$out/part.bin" | cut -d' ' -f1)
for i in "${!ids[@]}"; do
  [ "$(field "${ids[$i]}" checksum)" = "$part_md5" ] || { echo "concurrent upload $i: checksum differs" >&2; exit 1; }
done

{
  echo "checksums match md5sum/sha512sum; $ok of $conc concurrent uploads succeeded"
  if [ -n "$pid" ]; then
    echo "server heap cap: -Xmx$heap; peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"
    echo "largest heap in use after a GC: $(grep -o 'Pause[^>]*->[0-9]*M([0-9]*M)' "$out/gc.log" | sed 's/.*->\([0-9]*\)M(\([0-9]*\)M)/\1 \2/' | sort -n | tail -1 | awk '{print $1 " MiB of " $2 " MiB committed"}')"
  else
    echo "external server $base: no RSS measured"
  fi
  echo "results in $out"
} | tee -a "$out/summary.txt"
rm -f "$out/big.bin" "$out/part.bin"
[ "$ok" = "$conc" ] || exit 1
