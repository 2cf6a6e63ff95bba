-- wrk script of bench/soak.sh: MCP tools/call requests, REST (showPetById) and SOAP (greetMe) in turn, each with a
-- unique JSON-RPC id, on the session the script opened, with the caller's API key; optionally held to a constant
-- rate; every answer is sorted by what it says. Environment: SOAK_SESSION, SOAK_KEY, SOAK_VERSION (protocol
-- revision), SOAK_RATE (requests per second over all threads; 0 or unset: as fast as the connections go).
--
-- Rate: wrk (unlike wrk2) has no constant-rate mode, so delay() holds each request until its slot on a schedule
-- of 1/rate apart (a thread's wall clock through LuaJIT's FFI). A connection waiting for a slow answer sends
-- nothing meanwhile, so when answers are slower than connections/rate the offered rate falls (wrk's
-- coordinated omission: latency is measured from the actual send); the schedule does not catch up more than 0.1 s.
--
-- The last line, "RESULT ...", has: requests, duration_us, p50_us, p99_us (wrk's, over all answers), sent (requests
-- written), the socket errors wrk counted (connect, read, write, timeout: a connection without an answer at one of
-- wrk's 2 s checks past --timeout) and one "c.<cause>=<n>" per cause:
--   ok            result with "isError":false
--   http_<code>   the adapter's own HTTP status other than 200 (not an MCP answer)
--   rpc_<code>    JSON-RPC error
--   breaker, deadline, timeout, exchange, unreachable, http5xx, soapfault, malformed, oversize, limited, tool_other
--                 isError results, by the cause their text gives
--   unparsed      a 200 whose body is none of the above
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } soak_timeval;
  int gettimeofday(soak_timeval *tv, void *tz);
]]
local tv = ffi.new("soak_timeval")
local function now_us()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

local threads = {}
local counter = 0
local session = os.getenv("SOAK_SESSION")
local key = os.getenv("SOAK_KEY")
local version = os.getenv("SOAK_VERSION")
local total_rate = tonumber(os.getenv("SOAK_RATE") or "0") or 0

function setup(thread)
  thread:set("offset", counter * 100000000)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(argv)
  id = offset or 0
  sent = 0
  causes = {}
  examples = {}
  next_at = 0
  interval = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  wrk.headers["Authorization"] = "Bearer " .. key
  wrk.headers["MCP-Protocol-Version"] = version
  if session ~= nil and session ~= "" then
    wrk.headers["Mcp-Session-Id"] = session
  end
end

if total_rate > 0 then
  function delay()
    if interval == 0 then
      interval = 1000000 * counter_threads() / total_rate
      next_at = now_us()
    end
    local now = now_us()
    if next_at < now - 100000 then
      next_at = now - 100000
    end
    local wait = next_at - now
    next_at = next_at + interval
    if wait <= 0 then
      return 0
    end
    return math.floor(wait / 1000)
  end
end

-- the number of threads is only known to setup(), in the main state; each thread reads it from its environment
function counter_threads()
  return tonumber(os.getenv("SOAK_THREADS") or "1") or 1
end

function request()
  id = id + 1
  sent = sent + 1
  local body
  if id % 2 == 0 then
    body = '{"jsonrpc":"2.0","id":' .. id
      .. ',"method":"tools/call","params":{"name":"showPetById","arguments":{"petId":"1"}}}'
  else
    body = '{"jsonrpc":"2.0","id":' .. id
      .. ',"method":"tools/call","params":{"name":"greetMe","arguments":{"requestType":"soak"}}}'
  end
  return wrk.format(nil, nil, nil, body)
end

local function cause_of(status, body)
  if status ~= 200 then
    return "http_" .. status
  end
  local code = string.match(body, '"error":{"code":(-?%d+)')
  if code ~= nil then
    return "rpc_" .. code
  end
  if string.find(body, '"isError":false', 1, true) then
    return "ok"
  end
  if not string.find(body, '"isError":true', 1, true) then
    return "unparsed"
  end
  if string.find(body, "circuit breaker open", 1, true) then return "breaker" end
  if string.find(body, "before its deadline", 1, true) then return "deadline" end
  if string.find(body, "did not answer", 1, true) or string.find(body, "connection timed out", 1, true) then
    return "timeout"
  end
  if string.find(body, "could not complete the exchange", 1, true) then return "exchange" end
  if string.find(body, "could not be reached", 1, true) then return "unreachable" end
  if string.find(body, "SOAP fault", 1, true) then return "soapfault" end
  if string.find(body, "answered HTTP 5", 1, true) then return "http5xx" end
  if string.find(body, "exceeds the limit of", 1, true) then return "oversize" end
  if string.find(body, "could not be read", 1, true) or string.find(body, "not valid JSON", 1, true) then
    return "malformed"
  end
  if string.find(body, "Rate limit exceeded", 1, true) or string.find(body, "Too many calls in flight", 1, true) then
    return "limited"
  end
  return "tool_other"
end

function response(status, headers, body)
  local cause = cause_of(status, body)
  causes[cause] = (causes[cause] or 0) + 1
  if cause ~= "ok" and examples[cause] == nil then
    -- the first answer of each cause, for the script's list of what each cause said
    local text = string.match(body, '"text":"(.-[^\\])"') or body
    examples[cause] = string.sub(string.gsub(text, "%s+", " "), 1, 300)
  end
end

function done(summary, latency, requests)
  local total = {}
  local sent_total = 0
  for _, thread in ipairs(threads) do
    sent_total = sent_total + (thread:get("sent") or 0)
    local c = thread:get("causes") or {}
    for k, v in pairs(c) do
      total[k] = (total[k] or 0) + v
    end
    for k, v in pairs(thread:get("examples") or {}) do
      io.write("EXAMPLE " .. k .. " " .. v .. "\n")
    end
  end
  local line = string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d sent=%d connect=%d read=%d"
    .. " write=%d timeout=%d", summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    sent_total, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout)
  for k, v in pairs(total) do
    line = line .. " c." .. k .. "=" .. v
  end
  io.write(line .. "\n")
end
