-- GET /users/{id} (or /api/users/{id}) for ids picked at random from BENCH_IDS_FILE.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local ids, headers

setup = common.setup
done = common.done

function init()
  common.seed()
  ids = common.read_lines(os.getenv("BENCH_IDS_FILE"))
  headers = common.headers()
end

function request()
  return wrk.format("GET", common.prefix .. "/" .. ids[math.random(#ids)], headers)
end
