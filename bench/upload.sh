#!/usr/bin/env bash
# bench/upload.sh: uploads of one large image (4 GiB by default) to the file store and to S3, next to this machine's
# limits. For each store it prints the MiB/s of each way in:
#   PUT /file, 1 stream        curl -T of the whole file to PUT /v2/images/{id}/file (204 when active)
#   tus, 1 stream              tus 1.0.0 on /v2/images/{id}/tus: POST (creation), one PATCH of the whole file,
#                              until the image is active
#   tus, N parallel parts      N partial uploads (Upload-Concat: partial) on N connections at once, then the final
#                              upload that concatenates them, until the image is active
#   tus resume after a cut     one PATCH killed (SIGKILL of the client) at half the file, then a new client: HEAD for
#                              the offset, one PATCH of 1 MiB, one PATCH of the rest; prints the seconds from the
#                              restart to the HEAD answer, to the first accepted MiB, and to the active image
# Each phase checks that the image ends active with the md5 of the file (checksum). The limits printed next to them:
# a dd write of the same size to the same disk (conv=fdatasync), and a read of the file from the page cache.
#
#   bench/upload.sh [OUTDIR]
#
# The tus phases run only when OPTIONS /v2/images/{id}/tus answers 204 (a server with the tus endpoint); otherwise
# one line says they were skipped. The tus client is bench/lib/tus.py (Python's standard library alone).
# Starts the runnable jar (built if missing) on a free loopback port in trusted-headers mode with a fresh data
# directory per store in OUTDIR; the S3 store is the S3 API of a throw-away single-node Swift started in OUTDIR
# (bench/lib/swift.sh, as bench/proxy.sh BENCH_STORE=s3), or an S3 endpoint already running when BENCH_S3_URL is set
# (with BENCH_S3_ACCESS_KEY, BENCH_S3_SECRET_KEY, BENCH_S3_BUCKET). Needs about 3 x BENCH_SIZE_MIB free in OUTDIR
# (the image, the stored copy, and the staged parts or the dd file), curl, python3, dd and md5sum.
# Knobs: BENCH_SIZE_MIB (default 4096), BENCH_STORES ("file s3"), BENCH_PARTS (4), BENCH_HEAP (-Xmx, 512m),
# JAVA_OPTS, BENCH_IMAGE (an existing file to upload instead of generating BENCH_SIZE_MIB random MiB; kept),
# BENCH_TUS (auto: run the tus phases when the endpoint answers; 0: never).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-upload-bench.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
size_mib=${BENCH_SIZE_MIB:-4096}
stores=${BENCH_STORES:-file s3}
parts=${BENCH_PARTS:-4}
heap=${BENCH_HEAP:-512m}
tus_mode=${BENCH_TUS:-auto}
jar=$root/app-bootstrap/target/glance4j.jar
tus="python3 $here/lib/tus.py"
for tool in curl python3 dd md5sum; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)
source "$here/lib/database.sh"   # free_port
source "$here/lib/swift.sh"
# shellcheck source=lib/glance4j.sh
source "$here/lib/glance4j.sh"
swift_stop=:
pid=
port=
base=

ident=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-user' -H 'X-Project-Id: bench-project'
       -H 'X-Tenant-Id: bench-project' -H 'X-Roles: admin,member,reader')
export TUS_HEADERS=$'X-Identity-Status: Confirmed\nX-User-Id: bench-user\nX-Project-Id: bench-project\nX-Tenant-Id: bench-project\nX-Roles: admin,member,reader'
now() { date +%s.%N; }
calc() { python3 -c "import sys; print(('%.' + sys.argv[1] + 'f') % eval(sys.argv[2]))" "$@"; }
row() { printf '%-44s %8s %9s %9s  %s\n' "$@" | tee -a "$out/summary.txt"; }
note() { echo "$*" | tee -a "$out/summary.txt"; }

# start_glance4j CONF LOG: the runnable jar on a free port with the data directory OUTDIR/data (bench/lib/glance4j.sh)
start_glance4j() {
  port=$(free_port)
  base=http://127.0.0.1:$port
  start_one_glance4j "$1" "$2" 60
}
stop_glance4j() { [ -n "$pid" ] || return 0; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; }
cleanup() {
  [ -n "${client:-}" ] && kill -9 "$client" 2>/dev/null || true
  stop_glance4j
  eval "$swift_stop" 2>/dev/null || true
}
trap cleanup EXIT

# create: a new queued raw image; prints its id
create() {
  curl -sf --max-time 30 "${ident[@]}" -X POST -H 'Content-Type: application/json' \
    -d '{"name":"bench-upload","disk_format":"raw","container_format":"bare"}' "$base/v2/images" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
# field ID NAME: one field of the image
field() {
  curl -sf --max-time 30 "${ident[@]}" "$base/v2/images/$1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1]))' "$2"
}
# await_active ID: waits (bounded: 900 s) until the image is active, fails if it is not, checks its md5
await_active() {
  local status
  for _ in $(seq 1 9000); do
    status=$(field "$1" status)
    [ "$status" = active ] && break
    [ "$status" = queued ] || [ "$status" = saving ] || [ "$status" = uploading ] || [ "$status" = importing ] ||
      { echo "image $1 is $status" >&2; exit 1; }
    sleep 0.1
  done
  [ "$status" = active ] || { echo "image $1 is still $status after 900 s" >&2; exit 1; }
  [ "$(field "$1" checksum)" = "$md5" ] || { echo "image $1 has checksum $(field "$1" checksum), not $md5" >&2; exit 1; }
}
# delete ID: removes the image and its data, so the next phase starts from the same free space
delete() { curl -s --max-time 120 "${ident[@]}" -X DELETE -o /dev/null "$base/v2/images/$1"; }

# --- the image and the machine's limits ---------------------------------------------------------------------------
: >"$out/summary.txt"
image=${BENCH_IMAGE:-$out/image.bin}
if [ -z "${BENCH_IMAGE:-}" ]; then
  echo "generating $size_mib MiB of random bytes in $out" >&2
  head -c "$((size_mib * 1048576))" /dev/urandom >"$image"
fi
bytes=$(stat -c %s "$image")
size_mib=$(calc 0 "$bytes / 1048576")
md5=$(md5sum <"$image" | cut -d' ' -f1)
row phase MiB seconds MiB/s notes
cat "$image" >/dev/null
t0=$(now); dd if="$image" of=/dev/null bs=1M status=none; t1=$(now)
s=$(calc 2 "$t1 - $t0")
row "limit: page-cache read (dd, 1 stream)" "$size_mib" "$s" "$(calc 0 "$size_mib / $s")" ""
t0=$(now); dd if=/dev/zero of="$out/dd.bin" bs=1M count="$size_mib" conv=fdatasync status=none; t1=$(now)
rm -f "$out/dd.bin"
s=$(calc 2 "$t1 - $t0")
row "limit: disk write (dd, conv=fdatasync)" "$size_mib" "$s" "$(calc 0 "$size_mib / $s")" "$out"

for store in $stores; do
  rm -rf "$out/data"
  printf '[DEFAULT]\n' >"$out/glance-api.conf"
  case $store in
    file) ;;
    s3)
      write_s3_conf "$out/swift" "$out/glance-api.conf"
      ;;
    *) echo "BENCH_STORES may name file and s3, not $store" >&2; exit 1 ;;
  esac
  start_glance4j "$out/glance-api.conf" "$out/server-$store.log"

  # --- PUT /file, one stream ----------------------------------------------------------------------------------------
  id=$(create)
  t0=$(now)
  status=$(curl -sS --max-time 1800 "${ident[@]}" -o "$out/upload.body" -w '%{http_code}' -T "$image" \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' "$base/v2/images/$id/file")
  t1=$(now)
  [ "$status" = 204 ] || { echo "upload failed: $status $(cat "$out/upload.body")" >&2; exit 1; }
  await_active "$id"
  s=$(calc 2 "$t1 - $t0")
  row "$store: PUT /file, 1 stream (curl)" "$size_mib" "$s" "$(calc 0 "$size_mib / $s")" "md5 checked"
  delete "$id"

  # --- tus ------------------------------------------------------------------------------------------------------------
  id=$(create)
  answer=$($tus options "$base/v2/images/$id/tus")
  if [ "$tus_mode" = 0 ] || [ "$answer" != 204 ]; then
    note "$store: tus phases skipped: OPTIONS /v2/images/{id}/tus answered $answer, not 204 (no tus endpoint)"
    delete "$id"
    stop_glance4j
    eval "$swift_stop" 2>/dev/null || true; swift_stop=:; unset BENCH_S3_URL
    continue
  fi
  t0=$(now)
  $tus single "$base/v2/images/$id/tus" "$image"
  await_active "$id"
  t1=$(now)
  s=$(calc 2 "$t1 - $t0")
  row "$store: tus, 1 stream" "$size_mib" "$s" "$(calc 0 "$size_mib / $s")" "md5 checked"
  delete "$id"

  id=$(create)
  t0=$(now)
  $tus parallel "$base/v2/images/$id/tus" "$image" "$parts"
  await_active "$id"
  t1=$(now)
  s=$(calc 2 "$t1 - $t0")
  row "$store: tus, $parts parallel parts + final" "$size_mib" "$s" "$(calc 0 "$size_mib / $s")" "md5 checked"
  delete "$id"

  # --- tus: a cut at half the file, then resume ---------------------------------------------------------------------
  id=$(create)
  rm -f "$out/tus.url" "$out/tus.progress"
  $tus single "$base/v2/images/$id/tus" "$image" "$out/tus.url" "$out/tus.progress" &
  client=$!
  half=$((bytes / 2))
  for _ in $(seq 1 18000); do
    [ -f "$out/tus.progress" ] && [ "$(cat "$out/tus.progress")" -ge "$half" ] && break
    kill -0 "$client" 2>/dev/null || break
    sleep 0.05
  done
  kill -9 "$client" 2>/dev/null || { echo "the tus client ended before the cut" >&2; exit 1; }
  wait "$client" 2>/dev/null || true
  client=
  resumed=$($tus resume "$(cat "$out/tus.url")" "$image")
  await_active "$id"
  row "$store: tus resume after a cut at 50 %" "-" "-" "-" "$resumed (s from the restart)"
  delete "$id"

  stop_glance4j
  eval "$swift_stop" 2>/dev/null || true; swift_stop=:; unset BENCH_S3_URL
done

note "results in $out; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${BENCH_IMAGE:-}" ] || rm -f "$image"
