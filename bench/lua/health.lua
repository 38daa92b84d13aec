-- GET /health/live: the floor of the HTTP stack (no Redis, no upstream call).
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
setup = common.setup
done = common.done
function request()
  return wrk.format("GET", "/health/live")
end
