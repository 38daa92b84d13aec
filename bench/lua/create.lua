-- POST /users with a unique email per request (run id + thread + counter). With BENCH_IDS_OUT set, every created
-- id is appended to BENCH_IDS_OUT.<thread>, so later runs can read them (seeding) or check them (outage drills).
-- With BENCH_CREATE_LIMIT set, each thread stops after that many answers (seeding an exact-ish number of users;
-- a thread may overshoot by its connections' requests in flight).
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local headers, counter, out = nil, 0, nil

setup = common.setup
done = common.done

function init()
  headers = common.headers({ ["Content-Type"] = "application/json" })
  local path = os.getenv("BENCH_IDS_OUT")
  if path and path ~= "" then out = assert(io.open(path .. "." .. thread_no, "a")) end
end

function request()
  counter = counter + 1
  local body = string.format('{"name":"Bench User %d","email":"bench-%s-%d-%d@example.com"}',
    counter, run, thread_no, counter)
  return wrk.format("POST", common.prefix, headers, body)
end

local limit, answered = tonumber(os.getenv("BENCH_CREATE_LIMIT") or ""), 0
if os.getenv("BENCH_IDS_OUT") or limit then
  function response(status, _, body)
    if status == 201 and out then
      local id = body:match('"id"%s*:%s*"([^"]+)"')
      if id then out:write(id, "\n"); out:flush() end
    end
    answered = answered + 1
    if limit and answered >= limit then wrk.thread:stop() end
  end
end
