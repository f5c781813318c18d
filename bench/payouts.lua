-- wrk script of the benchmark (bench/run.sh): every request a new payoutId, optionally paced to a fixed rate.
-- Settings come from the environment, set by payoutroutes.bench.PayoutBenchmark:
--   BENCH_MODE     create (POST /payouts/{id} to the service), direct (the sandbox overpay's create, no service),
--                  get (GET /payouts/{id} of payouts made before)
--   BENCH_PROVIDER aopay | overpay | paypro (create)
--   BENCH_PREFIX   the payoutIds' prefix, unique per run
--   BENCH_CALLBACK the payouts' callbackUrl (create; empty: none)
--   BENCH_GET      get: "<prefix>:<count>", payoutIds <prefix>-1 .. <prefix>-<count>
--   BENCH_RATE     requests per second in all (0: as fast as the connections go); BENCH_THREADS: wrk's -t
-- At the end it prints one line, "BENCH-RESULT {json}", latencies in microseconds.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

local mode = os.getenv("BENCH_MODE") or "create"
local provider = os.getenv("BENCH_PROVIDER") or "overpay"
local prefix = os.getenv("BENCH_PREFIX") or "BENCH"
local callback = os.getenv("BENCH_CALLBACK") or ""
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "1")
local get_prefix, get_count = string.match(os.getenv("BENCH_GET") or "X:1", "^(.*):(%d+)$")
get_count = tonumber(get_count)

local n = 0
local interval_ms = 0
local next_at = nil

local bodies = {
  overpay = '{"provider":"overpay","amount":{"value":"12.34","currency":"USD"},"method":"BANK_TRANSFER",'
    .. '"beneficiary":{"name":"Bench Account","accountNumber":"11223344","bankCode":"BNK_000","email":"bench@example.com","country":"US"}',
  aopay = '{"provider":"aopay","amount":{"value":10000,"currency":"IDR"},"method":"BANK_TRANSFER",'
    .. '"beneficiary":{"name":"Bench Account","accountNumber":"11223344","bankCode":"BNK_000","email":"bench@example.com","country":"ID"}',
  paypro = '{"provider":"paypro","amount":{"value":100000,"currency":"IDR"},"method":"BANK_TRANSFER",'
    .. '"beneficiary":{"name":"Bench Account","accountNumber":"11223344","bankCode":"0002","email":"bench@example.com","phone":"6281245907765"}'
}

function init(args)
  if rate > 0 then
    interval_ms = 1000.0 * thread_count / rate
  end
  math.randomseed(thread_id * 7919 + os.time())
end

-- a fixed rate: each request gets the next slot of this thread's schedule; wrk's latency starts when it is written
function delay()
  if interval_ms <= 0 then
    return 0
  end
  local now = now_ms()
  if next_at == nil or next_at < now - 1000 then
    next_at = now
  end
  local wait = next_at - now
  next_at = next_at + interval_ms
  if wait < 0 then
    return 0
  end
  return wait
end

function request()
  n = n + 1
  local id = prefix .. "-" .. thread_id .. "-" .. n
  if mode == "direct" then
    local body = '{"request":{"amount":1234,"currency":"USD","description":"Payout ' .. id .. '","tracking_id":"' .. id
      .. '","test":false,"customer":{"first_name":"Bench","last_name":"Account","email":"bench@example.com","country":"US"},'
      .. '"method":{"type":"bank_transfer","account_holder":"Bench Account","account_number":"11223344","bank_code":"BNK_000"}}}'
    return wrk.format("POST", "/sandbox/overpay/transactions/payouts",
      {["Content-Type"] = "application/json", ["Authorization"] = "Basic MTAwMTpzYW5kYm94LW92ZXJwYXktc2VjcmV0"}, body)
  elseif mode == "get" then
    local pick = get_prefix .. "-" .. math.random(1, get_count)
    return wrk.format("GET", "/payouts/" .. pick, {["Authorization"] = "Bearer sandbox-api-key"}, nil)
  end
  local body = bodies[provider]
  if callback ~= "" then
    body = body .. ',"callbackUrl":"' .. callback .. '"'
  end
  body = body .. '}'
  return wrk.format("POST", "/payouts/" .. id,
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer sandbox-api-key"}, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH-RESULT {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,'
    .. '"status":%d,"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
