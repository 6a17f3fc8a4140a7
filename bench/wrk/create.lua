-- POST /v2/images with a small private image; args: [max requests per thread]
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "report.lua")

requests_done = 0

function init(args)
  stop_after = tonumber(args[1])
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  requests_done = requests_done + 1
  local body = string.format('{"name":"bench-%d-%d","disk_format":"raw","container_format":"bare",'
    .. '"visibility":"private","bench_group":"g%d"}', thread_no or 0, requests_done, requests_done % 100)
  return wrk.format(nil, nil, nil, body)
end
