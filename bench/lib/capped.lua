-- bench/lib/capped.lua: runs the wrk script bench/wrk/$BENCH_WRK_SCRIPT (with its own arguments) and, once
-- $BENCH_WRK_CAP answers have come back, writes a line to the file $BENCH_WRK_DONE, for the caller to stop wrk
-- with SIGINT (a wrk thread that stops itself leaves wrk waiting out its whole duration). Meant for one thread
-- (-t1). bench/cluster.sh warms its nodes with it: a warm-up bounded by requests rather than by time gives every
-- node the same number of requests to compile its hot paths with, whatever the number of nodes and whatever else
-- the machine is doing.
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
  if answered == cap then
    local done = io.open(os.getenv("BENCH_WRK_DONE"), "a")
    done:write(answered, "\n")
    done:close()
  end
end
