-- wrk script of bench/serve.sh: every request is one MCP tools/call with a unique JSON-RPC id, on the session
-- the script opened (MCP-Session-Id), with the caller's API key. Environment: BENCH_SESSION, BENCH_KEY,
-- BENCH_VERSION (protocol revision), BENCH_TOOL and BENCH_ARGS (JSON object of the arguments).
local counter = 0
local session = os.getenv("BENCH_SESSION")
local key = os.getenv("BENCH_KEY")
local version = os.getenv("BENCH_VERSION")
local tool = os.getenv("BENCH_TOOL")
local args = os.getenv("BENCH_ARGS")

function setup(thread)
  thread:set("offset", counter * 100000000)
  counter = counter + 1
end

function init(argv)
  id = offset or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  wrk.headers["Authorization"] = "Bearer " .. key
  wrk.headers["MCP-Protocol-Version"] = version
  if session ~= nil and session ~= "" then
    wrk.headers["Mcp-Session-Id"] = session
  end
end

function request()
  id = id + 1
  local body = '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"' .. tool
    .. '","arguments":' .. args .. '}}'
  return wrk.format(nil, nil, nil, body)
end

-- one line the script reads: p50 and p99 in microseconds, requests, non-2xx/3xx and socket errors
function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(99), errors))
end
