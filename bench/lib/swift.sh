# bench/lib/swift.sh: sourced by the benchmarks. write_s3_conf (at the end) writes an s3-store glance-api.conf. start_swift DIR starts a throw-away single-node OpenStack Swift from
# Debian's packages on free loopback ports, the way the store tests' SwiftServer does (rings of one device built in
# DIR/etc, account, container, object and proxy servers with workers = 0, TempAuth with its tokens in a memcached of
# its own, static and dynamic large objects, and the S3 API (s3api: access key swift_user, secret swift_key, at
# swift_s3_url)), and sets:
#   swift_auth   the TempAuth URL (http://127.0.0.1:PORT/auth/v1.0), user swift_user, key swift_key
#   swift_s3_url the S3 endpoint (http://127.0.0.1:PORT, the proxy's port)
#   swift_pids   the process ids of memcached and the four Swift servers (one process each: workers = 0)
#   swift_stop   a command that stops them
# Needs swift-proxy, swift-account, swift-container, swift-object and memcached (apt-get install -y those).
# Expects free_port from bench/lib/database.sh.
swift_user=test:tester
swift_key=testing

start_swift() {
  local dir=$1 kind i ports=() prog user
  for prog in swift-ring-builder swift-account-server swift-container-server swift-object-server \
      swift-proxy-server memcached; do
    command -v "$prog" >/dev/null || {
      echo "$prog is missing: apt-get install -y swift-proxy swift-account swift-container swift-object memcached" >&2
      return 1
    }
  done
  user=$(id -un)
  mkdir -p "$dir/etc" "$dir/srv/d1" "$dir/log"
  for i in 0 1 2 3 4; do ports+=("$(free_port)"); done
  local kinds=(account container object)
  for i in 0 1 2; do
    kind=${kinds[$i]}
    {
      swift-ring-builder "$dir/etc/$kind.builder" create 6 1 1
      swift-ring-builder "$dir/etc/$kind.builder" add "r1z1-127.0.0.1:${ports[$i]}/d1" 100
      swift-ring-builder "$dir/etc/$kind.builder" rebalance
    } >>"$dir/log/rings.log" 2>&1 || [ $? = 1 ]  # exit status 1 is a warning
    cat >"$dir/etc/$kind-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = ${ports[$i]}
devices = $dir/srv
mount_check = false
swift_dir = $dir/etc
workers = 0
user = $user
log_level = WARNING
[pipeline:main]
pipeline = $kind-server
[app:$kind-server]
use = egg:swift#$kind
CONF
  done
  cat >"$dir/etc/proxy-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = ${ports[3]}
swift_dir = $dir/etc
workers = 0
user = $user
log_level = WARNING
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:s3api]
use = egg:swift#s3api
[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = $swift_key .admin
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:${ports[4]}
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
CONF
  local as_root=()
  [ "$user" = root ] && as_root=(-u root)
  swift_pids=()
  memcached -l 127.0.0.1 -p "${ports[4]}" -U 0 "${as_root[@]}" >>"$dir/log/memcached.log" 2>&1 &
  swift_pids+=($!)
  for kind in account container object proxy; do
    "swift-$kind-server" "$dir/etc/$kind-server.conf" >>"$dir/log/$kind.log" 2>&1 &
    swift_pids+=($!)
  done
  swift_stop="kill ${swift_pids[*]}; wait ${swift_pids[*]}"
  swift_auth=http://127.0.0.1:${ports[3]}/auth/v1.0
  swift_s3_url=http://127.0.0.1:${ports[3]}
  # ready when TempAuth hands out a token and the account answers a HEAD with it (bounded: 60 s)
  local headers storage token p
  for _ in $(seq 1 600); do
    headers=$(curl -s --max-time 5 -D - -o /dev/null -H "X-Auth-User: $swift_user" -H "X-Auth-Key: $swift_key" \
      "$swift_auth" | tr -d '\r') || true
    storage=$(sed -n 's/^[Xx]-[Ss]torage-[Uu]rl: //p' <<<"$headers")
    token=$(sed -n 's/^[Xx]-[Aa]uth-[Tt]oken: //p' <<<"$headers")
    if [ -n "$storage" ] && curl -sf --max-time 5 -I -H "X-Auth-Token: $token" "$storage" >/dev/null 2>&1; then
      return 0
    fi
    for p in "${swift_pids[@]}"; do
      kill -0 "$p" 2>/dev/null || { echo "a Swift process exited early; logs in $dir/log" >&2; return 1; }
    done
    sleep 0.1
  done
  echo "Swift did not become ready; logs in $dir/log" >&2
  return 1
}

# write_s3_conf SWIFTDIR CONF: writes a glance-api.conf CONF whose one backend is the s3 store. Without BENCH_S3_URL
# it first starts a throw-away Swift in SWIFTDIR (start_swift, emptied first) and points BENCH_S3_URL,
# BENCH_S3_ACCESS_KEY, BENCH_S3_SECRET_KEY and BENCH_S3_BUCKET at its S3 API; with BENCH_S3_URL set it uses that
# endpoint and needs the other three set too (it exits the script when one is missing).
write_s3_conf() {
  local swift_dir=$1 conf=$2 v
  if [ -z "${BENCH_S3_URL:-}" ]; then
    rm -rf "$swift_dir"
    start_swift "$swift_dir"
    BENCH_S3_URL=$swift_s3_url BENCH_S3_ACCESS_KEY=$swift_user BENCH_S3_SECRET_KEY=$swift_key
    BENCH_S3_BUCKET=bench$$
  fi
  for v in BENCH_S3_URL BENCH_S3_ACCESS_KEY BENCH_S3_SECRET_KEY BENCH_S3_BUCKET; do
    [ -n "${!v:-}" ] || { echo "the s3 store needs $v" >&2; exit 1; }
  done
  cat >"$conf" <<CONF
[DEFAULT]
enabled_backends = bench:s3
[glance_store]
default_backend = bench
[bench]
s3_store_host = $BENCH_S3_URL
s3_store_access_key = $BENCH_S3_ACCESS_KEY
s3_store_secret_key = $BENCH_S3_SECRET_KEY
s3_store_bucket = $BENCH_S3_BUCKET
s3_store_create_bucket_on_put = true
CONF
}
