-- Steady load for the drills: GET by id (ids from BENCH_IDS_FILE) and, with probability BENCH_WRITE_SHARE (0.2),
-- a create; each connection waits BENCH_DELAY_MS between requests so the load stays below saturation.
-- Counts responses per status code (printed by done() as "BENCH_STATUS {...}") and appends every created id to
-- BENCH_IDS_OUT.<thread> (the acknowledged writes that must survive an outage).
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local write_share = tonumber(os.getenv("BENCH_WRITE_SHARE") or "0.2")
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local ids, get_headers, post_headers, out
local counter = 0
local threads = {}
counts = {} -- global: done() reads every thread's copy with thread:get

function setup(thread)
  common.setup(thread)
  threads[#threads + 1] = thread
end

function init()
  common.seed()
  ids = common.read_lines(os.getenv("BENCH_IDS_FILE"))
  get_headers = common.headers()
  post_headers = common.headers({ ["Content-Type"] = "application/json" })
  out = assert(io.open(os.getenv("BENCH_IDS_OUT") .. "." .. thread_no, "a"))
end

function request()
  if math.random() < write_share then
    counter = counter + 1
    local body = string.format('{"name":"Drill User %d","email":"drill-%s-%d-%d@example.com"}',
      counter, run, thread_no, counter)
    return wrk.format("POST", common.prefix, post_headers, body)
  end
  return wrk.format("GET", common.prefix .. "/" .. ids[math.random(#ids)], get_headers)
end

function response(status, _, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 201 then
    local id = body:match('"id"%s*:%s*"([^"]+)"')
    if id then out:write(id, "\n"); out:flush() end
  end
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

function done(summary, latency, requests)
  common.done(summary, latency, requests)
  local total, parts = {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts") or {}) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do parts[#parts + 1] = string.format('"%d":%d', status, n) end
  table.sort(parts)
  io.write("BENCH_STATUS {" .. table.concat(parts, ",") .. "}\n")
end
