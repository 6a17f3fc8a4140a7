# bench/lib/glance4j.sh: sourced by the benchmarks that run one glance4j node. start_one_glance4j CONF LOG [SECONDS]
# starts the runnable jar $jar (heap $heap, more options in JAVA_OPTS) on 127.0.0.1:$port with the data directory
# $out/data, trusted-headers authentication and the configuration file CONF, its output in LOG; sets pid; returns once
# $base/versions answers, or exits with the log when the process ends or SECONDS (default 60) pass without an answer.
start_one_glance4j() {
  local tries=$(( ${3:-60} * 10 ))
  # shellcheck disable=SC2086
  java -Xmx"$heap" ${JAVA_OPTS:-} -jar "$jar" serve --bind 127.0.0.1 --port "$port" --data-dir "$out/data" \
    --auth trusted-headers --config "$1" >"$2" 2>&1 &
  pid=$!
  for _ in $(seq 1 "$tries"); do
    curl -sf "$base/versions" >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || { cat "$2" >&2; exit 1; }
    sleep 0.1
  done
  curl -sf "$base/versions" >/dev/null || { echo "glance4j did not answer at $base" >&2; exit 1; }
}
