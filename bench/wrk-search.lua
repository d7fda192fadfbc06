-- wrk script: each request takes the next path from the file named by $BENCH_URLS (one
-- URL-encoded /api/search?... path per line, written by bench/mix.py), threads starting at
-- different offsets. At the end it prints one JSON line (prefixed "WRK_JSON ") with latency
-- percentiles in milliseconds, requests/s and every kind of error.
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

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
