-- bench/lib/capped.lua: runs the wrk script bench/wrk/$BENCH_WRK_SCRIPT (with its own arguments) but stops each
-- wrk thread after $BENCH_WRK_CAP answers. bench/cluster.sh warms its nodes with it: a warm-up bounded by requests
-- rather than by time gives every node the same number of requests to compile its hot paths with, whatever the
-- number of nodes and whatever else the machine is doing.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "../wrk/" .. os.getenv("BENCH_WRK_SCRIPT"))

local cap = tonumber(os.getenv("BENCH_WRK_CAP"))
local answered = 0
local inner_response = response

function response(status, headers, body)
  if inner_response then
    inner_response(status, headers, body)
  end
  answered = answered + 1
  if answered >= cap then
    wrk.thread:stop()
  end
end
