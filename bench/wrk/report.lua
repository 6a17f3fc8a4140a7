-- Common to glance4j's wrk scripts: counts answers by status across threads and prints one
-- machine-readable line at the end: "RESULT {json}" with latencies in microseconds.
local all_threads = {}

function setup(thread)
  table.insert(all_threads, thread)
  thread:set("thread_no", #all_threads)
end

statuses = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if stop_after and (requests_done or 0) >= stop_after then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local merged = {}
  for _, t in ipairs(all_threads) do
    for code, n in pairs(t:get("statuses") or {}) do merged[code] = (merged[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(merged) do parts[#parts + 1] = string.format('"%d":%d', code, n) end
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"seconds":%.3f,"errors":%d,"p50_us":%d,'
    .. '"p90_us":%d,"p99_us":%d,"max_us":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    table.concat(parts, ",")))
end
