-- GET /users?limit=BENCH_LIST_LIMIT (20): the first page of the list, as a client's list view would fetch it.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local path = common.prefix .. "?limit=" .. (os.getenv("BENCH_LIST_LIMIT") or "20")
local headers

setup = common.setup
done = common.done

function init()
  headers = common.headers()
end

function request()
  return wrk.format("GET", path, headers)
end
