#!/usr/bin/env bash
# bench/import-glance.sh: throughput of `glance4j db import-glance` from a Glance database of many images.
#
#   bench/import-glance.sh [OUTDIR]
#
# Makes a Glance database once with bench/glance-db-gen.py (Glance's own schema through `glance-manage db_sync`,
# BENCH_IMAGES images with 10 properties and 2 tags each; kept in OUTDIR/glance-N.sqlite and reused by later
# runs), then imports it BENCH_RUNS times, each time into a fresh, empty glance4j database, and once more into the
# last one (a rerun, which finds everything there). Prints one line per run: wall time, images per second, and
# the CPU seconds the import used (user + system), with the load average before it, since the machine may be
# shared. Knobs: BENCH_IMAGES (default 100000), BENCH_RUNS (3), BENCH_DATABASE (the target: sqlite, the default, a
# data directory's file; postgresql or mariadb: a throw-away server started in OUTDIR, as bench/records.sh does),
# BENCH_HEAP (-Xmx, default 512m), JAVA_OPTS. Needs glance-manage (Debian's glance-common) for the first run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-/tmp/glance4j-import-bench}
mkdir -p "$out"
out=$(cd "$out" && pwd)
images=${BENCH_IMAGES:-100000}
runs=${BENCH_RUNS:-3}
database=${BENCH_DATABASE:-sqlite}
heap=${BENCH_HEAP:-512m}
jar=$root/app-bootstrap/target/glance4j.jar
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)

glance_db=$out/glance-$images.sqlite
if [ ! -f "$glance_db" ]; then
  python3 "$here/glance-db-gen.py" "$glance_db.part" --images "$images" --image-dir "$out/glance-images"
  mv "$glance_db.part" "$glance_db"
fi
mkdir -p "$out/glance-images"
# Glance's file store directory, served by glance4j's file store: every file:// location maps to a store.
printf '[glance_store]\nfilesystem_store_datadir = %s\n' "$out/glance-images" >"$out/glance4j.conf"

source "$here/lib/database.sh"
db_stop=:
trap 'eval "$db_stop" >/dev/null 2>&1 || true' EXIT
if [ "$database" != sqlite ]; then
  start_database "$database" "$out/$database-server"
  printf '[database]\nconnection = %s\n' "$connection" >>"$out/glance4j.conf"
fi
fresh_target() {
  rm -rf "$out/data"
  case $database in
    postgresql) echo 'DROP DATABASE IF EXISTS glance4j; CREATE DATABASE glance4j;' | $db_admin ;;
    mariadb) echo 'DROP DATABASE IF EXISTS glance4j; CREATE DATABASE glance4j;' | $db_admin ;;
  esac
}

echo "Glance database: $glance_db ($images images generated, soft-deleted ones included); target: $database"
printf '%-8s %9s %10s %9s %13s %s\n' run wall_s images/s cpu_s load_before result | tee "$out/summary.txt"
import_once() {
  local name=$1 load start end cpu copied
  load=$(cut -d' ' -f1 /proc/loadavg)
  TIMEFORMAT='%U %S'
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  { time java -Xmx"$heap" ${JAVA_OPTS:-} -jar "$jar" db import-glance --from "sqlite:///$glance_db" \
      --data-dir "$out/data" --config "$out/glance4j.conf" >"$out/import-$name.txt" 2>"$out/import-$name.log"; } \
      2>"$out/time-$name.txt" || { echo "import failed, see $out/import-$name.log" >&2; exit 1; }
  end=$(date +%s.%N)
  cpu=$(awk '{printf "%.1f", $1 + $2}' "$out/time-$name.txt")
  copied=$(sed -n 's/^images: \([0-9]*\) copied, \([0-9]*\) unchanged.*/\1 copied, \2 unchanged/p' \
    "$out/import-$name.txt")
  awk -v n="$name" -v s="$start" -v e="$end" -v c="$cpu" -v l="$load" -v r="$copied" -v i="${copied%% *}" \
    -v a="$(echo "$copied" | sed 's/.*, \([0-9]*\) unchanged.*/\1/')" \
    'BEGIN {w = e - s; printf "%-8s %9.1f %10.0f %9s %13s %s\n", n, w, (i + a) / w, c, l, r}' | tee -a "$out/summary.txt"
}
for k in $(seq 1 "$runs"); do
  fresh_target
  import_once "$k"
done
import_once rerun
grep -h '^images:\|^properties:' "$out/import-1.txt" | tee -a "$out/summary.txt"
echo "results in $out"
