-- wrk: POST one single-unit shipment per request, every request a different in-stock unit.
-- Thread i ships U{offset + i*stride + n}, so threads never collide.
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
local threads = 0
local stride = tonumber(os.getenv("STRIDE") or "200000")
local offset = tonumber(os.getenv("OFFSET") or "0")

function setup(thread)
    thread:set("index", threads)
    threads = threads + 1
end

function init(args)
    n = 0
end

function request()
    n = n + 1
    local serial = string.format("U%07d", offset + index * stride + n)
    local body = string.format('{"sku":"BENCH","serials":["%s"],"order":"BENCH-%d-%d"}', serial, index, n)
    return wrk.format(nil, "/api/v1/shipments", nil, body)
end
