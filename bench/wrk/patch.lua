-- PATCH images round-robin from a file of ids (arg 1), replacing custom property arg 2.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "report.lua")

local ids, count, next_index, key = {}, 0, 0, nil

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  count = #ids
  key = args[2]
  next_index = ((thread_no or 1) - 1) * 97
  wrk.method = "PATCH"
  wrk.headers["Content-Type"] = "application/openstack-images-v2.1-json-patch"
end

function request()
  next_index = next_index + 1
  local body = string.format('[{"op":"replace","path":"/%s","value":"v%d"}]', key, next_index)
  return wrk.format(nil, "/v2/images/" .. ids[(next_index % count) + 1], nil, body)
end
