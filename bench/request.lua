-- Generic wrk script used by bench/run.py for every scenario (the constant baseline too, so that the
-- per-request Lua cost is the same on both sides of a ratio).
--
-- Usage: wrk ... -s bench/request.lua <url> -- <spec file> <seed>
--
-- The spec file is written by run.py, one item per line:
--   M <method>               the HTTP method (default GET)
--   H <Name>: <value>        a request header (e.g. Authorization, Content-Type)
--   K <Name>                 a header set to a value of its own on every request (e.g. Idempotency-Key):
--                            bench-<seed>-<thread>-<n>, so such requests are formatted one by one
--   O random|cycle           pick requests at random (default) or go through them in order
--   R <path>[<TAB><body>]    one request; the body is optional (compact JSON has no raw tabs or newlines)
-- Each thread pre-formats all requests once, then returns one per call of request().
-- done() prints one line "BENCH_RESULT {json}" with the counts, errors and latency percentiles (µs), and one
-- line "BENCH_QUANTILES q1,...,q1000" with the latency distribution.

local prepared = {}
local position = 0
local mode = "random"
local unique = nil -- the name of the header that gets a fresh value per request, if any
local raw = {} -- with `unique`: the method, headers and items, formatted per request
local key_prefix = ""
local sent = 0

-- Thread numbers, so that the random streams of the threads differ.
local next_thread = 0
function setup(thread)
   next_thread = next_thread + 1
   thread:set("thread_number", next_thread)
end

local function read_spec(path)
   local method, headers, items = "GET", {}, {}
   for line in io.lines(path) do
      local kind, rest = line:sub(1, 2), line:sub(3)
      if kind == "M " then
         method = rest
      elseif kind == "H " then
         local name, value = rest:match("^([^:]+):%s*(.*)$")
         if name then headers[name] = value end
      elseif kind == "O " then
         mode = rest
      elseif kind == "K " then
         unique = rest
      elseif kind == "R " then
         local target, body = rest:match("^([^\t]*)\t(.*)$")
         if target == nil then target, body = rest, nil end
         if body == "" then body = nil end
         items[#items + 1] = { target, body }
      end
   end
   return method, headers, items
end

function init(args)
   local spec, seed = args[1], tonumber(args[2] or "1") or 1
   local number = thread_number or 1
   math.randomseed(seed + 7919 * number)
   if spec == nil then
      error("request.lua needs a spec file: wrk ... -- <spec file> <seed>")
   end
   local method, headers, items = read_spec(spec)
   if #items == 0 then
      error("request.lua: the spec file " .. spec .. " has no requests")
   end
   for i, item in ipairs(items) do
      -- wrk.format fills in Host and Content-Length; a copy of the headers per request keeps them apart.
      local copy = {}
      for name, value in pairs(headers) do copy[name] = value end
      if unique then
         raw[i] = { method, item[1], copy, item[2] }
         prepared[i] = true
      else
         prepared[i] = wrk.format(method, item[1], copy, item[2])
      end
   end
   key_prefix = string.format("bench-%d-%d-", seed, number)
   -- In cycle mode the threads start at different offsets so they don't send the same sequence.
   position = ((number - 1) * math.floor(#prepared / 2)) % #prepared
end

local function pick(i)
   if not unique then
      return prepared[i]
   end
   sent = sent + 1
   local r = raw[i]
   r[3][unique] = key_prefix .. sent
   return wrk.format(r[1], r[2], r[3], r[4])
end

function request()
   local n = #prepared
   if n == 0 then
      return wrk.format()
   end
   if mode == "cycle" then
      position = position % n + 1
      return pick(position)
   end
   return pick(math.random(n))
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "BENCH_RESULT {\"requests\":%d,\"duration_us\":%d,\"bytes\":%d,"
         .. "\"errors_connect\":%d,\"errors_read\":%d,\"errors_write\":%d,\"errors_timeout\":%d,"
         .. "\"non_2xx_3xx\":%d,\"latency_min_us\":%d,\"latency_mean_us\":%.1f,\"latency_max_us\":%d,"
         .. "\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d,\"p999_us\":%d}\n",
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.timeout, e.status,
      latency.min, latency.mean, latency.max,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
   -- The latency distribution as 1,000 quantiles (at 0.05 %, 0.15 %, ... 99.95 %), so that run.py can merge
   -- the rounds of a scenario into one distribution (this wrk build gives no access to the raw histogram).
   if os.getenv("BENCH_QUANTILES") ~= "0" then
      local quantiles = {}
      for j = 1, 1000 do
         quantiles[j] = string.format("%d", latency:percentile((j - 0.5) / 10))
      end
      io.write("BENCH_QUANTILES " .. table.concat(quantiles, ",") .. "\n")
   end
end
