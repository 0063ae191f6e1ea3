-- wrk: GET one unit's history, a random serial of BENCH U0000001..U{UNITS} per request.
local units = tonumber(os.getenv("UNITS") or "1000000")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

function setup(thread)
    thread:set("seed", math.random(1, 1e9))
end

function init(args)
    math.randomseed(seed or os.time())
end

function request()
    return wrk.format("GET", string.format("/api/v1/units/BENCH/U%07d", math.random(1, units)))
end
