#!/usr/bin/env bash
# bench/keystone.sh: GET-image requests per second with Keystone tokens (warm cache) next to trusted-headers mode,
# on the same machine, same jar, same image, same wrk settings.
#
#   KEYSTONE_URL=http://127.0.0.1:5000 bench/keystone.sh [OUTDIR]
#
# Needs a running Keystone v3 with a service user that may validate tokens and a project member:
#   KEYSTONE_URL (required), SERVICE_USER/SERVICE_PASSWORD/SERVICE_PROJECT (glance/glance-service-pass/service),
#   USER_NAME/USER_PASSWORD/USER_PROJECT (demo-member/demo-member-pass/demo), domain Default for all.
# Starts the runnable jar (built if missing) twice on free loopback ports: once with --auth trusted-headers,
# once with [paste_deploy] flavor = keystone. One image is created in each; wrk GETs its record with
# BENCH_CONCURRENCY (16) connections for BENCH_SECONDS (15) after a BENCH_WARMUP (5 s) warm-up that fills the
# token cache, BENCH_ROUNDS (5) rounds, the two modes alternating; then the median of each mode and their ratio.
# Both callers are project members with the same roles (member, reader), so policy does the same work in both modes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$(mktemp -d /tmp/glance4j-bench-keystone.XXXXXX)}
mkdir -p "$out"
secs=${BENCH_SECONDS:-15}
conc=${BENCH_CONCURRENCY:-16}
ks=${KEYSTONE_URL:?set KEYSTONE_URL to a Keystone such as http://127.0.0.1:5000}
jar=$root/app-bootstrap/target/glance4j.jar
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)

token=$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "$ks/v3/auth/tokens" -d "{\"auth\":{
  \"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"${USER_NAME:-demo-member}\",
  \"domain\":{\"id\":\"default\"},\"password\":\"${USER_PASSWORD:-demo-member-pass}\"}}},
  \"scope\":{\"project\":{\"name\":\"${USER_PROJECT:-demo}\",\"domain\":{\"id\":\"default\"}}}}}" |
  tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
[ -n "$token" ] || { echo "could not get a token from $ks" >&2; exit 1; }

cat >"$out/glance-api.conf" <<CONF
[paste_deploy]
flavor = keystone
[keystone_authtoken]
www_authenticate_uri = $ks
auth_url = $ks/v3
auth_type = password
username = ${SERVICE_USER:-glance}
password = ${SERVICE_PASSWORD:-glance-service-pass}
project_name = ${SERVICE_PROJECT:-service}
user_domain_name = Default
project_domain_name = Default
CONF

pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null || true; wait $p 2>/dev/null || true; done' EXIT
# start MODE ARGS... : prints the base URL
start() {
  local name=$1; shift
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  java -Xmx256m -jar "$jar" serve --bind 127.0.0.1 --port "$port" --data-dir "$out/data-$name" "$@" \
    >"$out/server-$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/versions" >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "http://127.0.0.1:$port"
}

trusted=$(start trusted --auth trusted-headers)
keystone=$(start keystone --config "$out/glance-api.conf")
th=(-H 'X-Identity-Status: Confirmed' -H 'X-User-Id: bench-user' -H 'X-Project-Id: bench-project'
    -H 'X-Roles: member,reader')
kh=(-H "X-Auth-Token: $token")
create() { curl -sf "$@" -H 'Content-Type: application/json' -d '{"name":"bench"}' | python3 -c \
  'import json,sys; print(json.load(sys.stdin)["id"])'; }
one_t=$(create "${th[@]}" "$trusted/v2/images")
one_k=$(create "${kh[@]}" "$keystone/v2/images")

printf '%-22s %10s %9s %9s %9s %8s %s\n' mode req/s p50_ms p90_ms p99_ms errors statuses | tee "$out/summary.txt"
run() {
  local name=$1 url=$2; shift 2
  wrk -t2 -c"$conc" -d"${BENCH_WARMUP:-5}s" "$@" -s "$here/wrk/get.lua" "$url" >/dev/null 2>&1 || true   # warm-up
  wrk -t2 -c"$conc" -d"${secs}s" --timeout 10s "$@" -s "$here/wrk/get.lua" "$url" >"$out/wrk-$name.txt" 2>&1 || true
  python3 - "$name" "$out/wrk-$name.txt" <<'PY' | tee -a "$out/summary.txt"
import json, sys
name, path = sys.argv[1], sys.argv[2]
line = next((l for l in open(path) if l.startswith('RESULT ')), None)
if line is None:
    print('%-22s wrk failed, see %s' % (name, path)); sys.exit()
r = json.loads(line[7:])
print('%-22s %10.1f %9.2f %9.2f %9.2f %8d %s' % (name, r['requests'] / r['seconds'], r['p50_us'] / 1000,
      r['p90_us'] / 1000, r['p99_us'] / 1000, r['errors'], json.dumps(r['statuses'], sort_keys=True)))
PY
}
# alternate the modes so that JIT warm-up and other load on the machine fall on both alike
for round in $(seq 1 "${BENCH_ROUNDS:-5}"); do
  run "trusted-headers-$round" "$trusted/v2/images/$one_t" "${th[@]}"
  run "keystone-warm-$round" "$keystone/v2/images/$one_k" "${kh[@]}"
done
python3 - "$out/summary.txt" <<'PY' | tee -a "$out/summary.txt"
import statistics, sys
rates = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) > 1 and parts[0].rsplit('-', 1)[0] in ('trusted-headers', 'keystone-warm'):
        try:
            rates.setdefault(parts[0].rsplit('-', 1)[0], []).append(float(parts[1]))
        except ValueError:
            pass
t = statistics.median(rates.get('trusted-headers', [0]))
k = statistics.median(rates.get('keystone-warm', [0]))
print('median req/s: trusted-headers %.1f, keystone-warm %.1f; keystone/trusted = %.3f' % (t, k, k / t if t else 0))
PY
echo "results in $out"
