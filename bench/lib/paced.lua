-- bench/lib/paced.lua: runs the wrk script bench/wrk/$BENCH_WRK_SCRIPT (with its own arguments), each connection
-- waiting $BENCH_THINK_MS milliseconds after every answer before it sends its next request: a closed load with think
-- time, as from many clients that each pause between calls. With C connections and a latency L (ms) it offers about
-- C * 1000 / (BENCH_THINK_MS + L) requests a second, whatever the number of nodes behind the balancer, so that CPU per
-- request is compared at the same demand rather than at the machine's saturation. bench/cluster.sh uses it when
-- BENCH_THINK_MS is set.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "../wrk/" .. os.getenv("BENCH_WRK_SCRIPT"))

local think = tonumber(os.getenv("BENCH_THINK_MS"))

function delay()
  return think
end
