-- wrk script: each request takes the next path from the file named by $BENCH_URLS (one
-- URL-encoded /api/search?... path per line, written by bench/mix.py), threads starting at
-- different offsets. At the end it prints one JSON line (prefixed "WRK_JSON ") with latency
-- percentiles in milliseconds, requests/s, every kind of error and the non-200 statuses seen.
--
--   BENCH_URLS=out/urls.txt wrk -t2 -c32 -d30s --latency -s bench/wrk-search.lua http://127.0.0.1:PORT

local paths = {}
local counter = 0
local threads = {}

local function load(file)
  local list = {}
  for line in io.lines(file) do
    if #line > 0 then list[#list + 1] = line end
  end
  return list
end

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  local file = os.getenv("BENCH_URLS") or "urls.txt"
  paths = load(file)
  counter = (id or 0) * 37
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path)
end

-- Non-200 responses by status, per thread (read back in done()).
bad = {}
function response(status, headers, body)
  if status ~= 200 then
    bad[status] = (bad[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local sum, statuses = {}, {}
  for _, t in ipairs(threads) do
    local b = t:get("bad")
    if b then
      for k, v in pairs(b) do sum[k] = (sum[k] or 0) + v end
    end
  end
  for k, v in pairs(sum) do statuses[#statuses + 1] = string.format('"%s":%d', k, v) end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"non200":{%s}}\n',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(statuses, ",")))
end
