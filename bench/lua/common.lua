-- Shared by the wrk scripts: settings from the environment, request headers, and the JSON summary that done()
-- prints as one line starting with "BENCH_JSON " (latencies in milliseconds; wrk measures microseconds).
local M = {}

M.api_key = os.getenv("BENCH_API_KEY")
M.prefix = os.getenv("BENCH_PREFIX") or "/users" -- "/api/users" through the gateway

function M.headers(extra)
  local h = {}
  if M.api_key and M.api_key ~= "" then h["X-API-Key"] = M.api_key end
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

function M.read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot read " .. tostring(path))
  for line in f:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  f:close()
  assert(#lines > 0, path .. " is empty")
  return lines
end

-- Every thread gets its own number (setup runs in the main state, once per thread, before init).
local thread_count = 0
function M.setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_no", thread_count)
end

function M.seed()
  math.randomseed(os.time() * 1000 + (thread_no or 0) * 7919 + math.floor(os.clock() * 1e6))
end

function M.done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_s":%.2f,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"p999_ms":%.2f,' ..
    '"max_ms":%.2f,"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"non_2xx":%d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.timeout, e.status))
end

return M
