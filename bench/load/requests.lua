-- wrk script for bench/load/run.sh: rotates through good, filtered and malformed requests and
-- tallies response statuses per thread; `done` prints the totals in a form run.sh parses:
--   STATUS <code> <count>
--   ERRORS connect=<n> read=<n> write=<n> timeout=<n> status=<n>
--   REQUESTS <n> DURATION_US <n>
-- PASSAGE_ID (environment) is a real passage id, for the one good /api/passages request.

local function enc(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local long_query = string.rep("无废城市", 75) -- 300 characters: over the 256-character limit
local huge_qs = string.rep("a", 9000) -- over the 8 KiB query-string limit
local passage_id = os.getenv("PASSAGE_ID") or "yk-2021-work-report-000"

-- Each entry: { method, path } (body-less). Expected status in the comment.
local requests = {
  { "GET", "/api/search?q=" .. enc("无废城市") },                                 -- 200
  { "GET", "/api/search?q=" .. enc("未来社区") .. "&limit=5" },                   -- 200
  { "GET", "/api/search?q=" .. enc('"十四五期间"') },                             -- 200 phrase
  { "GET", "/api/search?q=" .. enc("养老") .. "&department=" .. enc("民政局") },  -- 200 filter
  { "GET", "/api/search?q=" .. enc("数字经济 sector:产业形态篇") },               -- 200 field filter
  { "GET", "/api/search?q=" .. enc("高质量发展") .. "&year=2021&offset=10" },     -- 200
  { "GET", "/api/search?q=" .. enc("5G OR 通用机场") },                           -- 200 OR
  { "GET", "/api/search?q=" .. enc("未来社区 -田川") },                           -- 200 exclusion
  { "GET", "/api/search?q=" .. enc("年份:2016..2025 养老") },                     -- 200 year range
  { "GET", "/api/search?q=" .. enc('"无废城市') },                                -- 400 unbalanced quote
  { "GET", "/api/search?q=" .. enc("无废城市") .. "&limit=1000000" },             -- 400 huge limit
  { "GET", "/api/search?q=" .. enc("无废城市") .. "&limit=99999999999999999999999" }, -- 400 overflow
  { "GET", "/api/search?q=" .. enc("无废城市") .. "&offset=-1" },                 -- 400 bad offset
  { "GET", "/api/search?q=" .. enc("无废城市") .. "&offset=1e3" },                -- 400 bad offset
  { "GET", "/api/search?q=%FF%FE%FD" },                                           -- 200 read lossily, "no searchable text" notice
  { "GET", "/api/search?q=%E6%97" },                                              -- 200 same
  { "GET", "/api/search?q=%ZZ%" },                                                -- 200 kept literally
  { "GET", "/api/search?q=" .. enc(long_query) },                                 -- 413 300 characters
  { "GET", "/api/search?q=" .. huge_qs },                                         -- 413 9000 bytes
  { "GET", "/api/search?q=" .. enc("year:abc") },                                 -- 400
  { "GET", "/api/search?q=" .. enc("sector:") },                                  -- 400
  { "GET", "/api/search?q=OR" },                                                  -- 400 dangling OR
  { "GET", "/api/search?q=&q=&q=" },                                              -- 200 empty
  { "GET", "/api/passages/" .. enc(passage_id) },                                 -- 200
  { "GET", "/api/passages/unknown" },                                             -- 404
  { "GET", "/api/passages/%FF%00" },                                              -- 400 not UTF-8
  { "GET", "/api/passages/../../../../etc/passwd" },                              -- 404 traversal
  { "GET", "/assets/..%2F..%2FCargo.toml" },                                      -- 404 traversal
  { "GET", "/assets/../../../etc/passwd" },                                       -- 404 traversal
  { "GET", "/no/such/route" },                                                    -- 404
  { "GET", "/api/suggest?q=" .. enc("无废") },                                    -- 200
  { "GET", "/api/suggest?q=" .. enc(long_query) },                                -- 413
  { "GET", "/api/commitments?department=" .. enc("科技局") .. "&year=2021" },     -- 200
  { "GET", "/api/commitments?year=" .. enc("二〇二一") },                         -- 400
  { "GET", "/api/trend?q=" .. enc("养老") },                                      -- 200
  { "GET", "/api/facets" },                                                       -- 200
  { "GET", "/healthz" },                                                          -- 200
  { "GET", "/" },                                                                 -- 200 page
  { "GET", "/api/openapi.json" },                                                 -- 200
  { "POST", "/api/search?q=" .. enc("无废城市") },                                -- 405
}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  next_request = math.random(#requests)
  prepared = {}
  for i, r in ipairs(requests) do
    prepared[i] = wrk.format(r[1], r[2])
  end
end

function request()
  next_request = next_request % #prepared + 1
  return prepared[next_request]
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests_done)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for status, n in pairs(c) do
      total[status] = (total[status] or 0) + n
    end
  end
  local codes = {}
  for status in pairs(total) do table.insert(codes, status) end
  table.sort(codes)
  for _, status in ipairs(codes) do
    io.write(string.format("STATUS %d %d\n", status, total[status]))
  end
  local e = summary.errors
  io.write(string.format("ERRORS connect=%d read=%d write=%d timeout=%d status=%d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("REQUESTS %d DURATION_US %d\n", summary.requests, summary.duration))
  io.write(string.format("LATENCY p50_us=%d p99_us=%d max_us=%d\n",
    latency:percentile(50), latency:percentile(99), latency.max))
  io.write(string.format("PATHS %d\n", #requests))
end
