#!/usr/bin/env bash
# Load figures for the HTTP API (not part of CI; no timed assertions): a release build, a store
# of UNITS serialized units received with one CLI command, then wrk on loopback against
#   1. GET /api/v1/units/{sku}/{serial} with random serials (scripts/bench/unit-history.lua)
#   2. POST /api/v1/shipments, one unit per request (scripts/bench/ship-scan.lua)
# Prints wrk's report (requests/s and latency percentiles) for each.
#   POSTGRES_URL=postgres://… SERVERS=2 scripts/bench-api.sh   # two servers sharing one PostgreSQL store
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=${UNITS:-1000000}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
command -v wrk > /dev/null || apt-get install -y -qq wrk

SCRATCH=${SCRATCH:-.build}   # e.g. SCRATCH=.build-release to keep release objects apart
swift build -c release --product tracestock --scratch-path "$SCRATCH"
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/tracestock"
WORK=${WORK:-$(mktemp -d /tmp/tracestock-bench.XXXXXX)}
# POSTGRES_URL=postgres://… runs the servers on PostgreSQL (an empty database or schema, or one this
# script filled before); SERVERS=N starts N servers on that one store, and the load is split over them.
SERVERS=${SERVERS:-1}
if [ -n "${POSTGRES_URL:-}" ]; then
    STORE=(--postgres "$POSTGRES_URL")
    FILLED=$("$BIN" stock --sku BENCH --json "${STORE[@]}" 2>/dev/null | sed -n 's/^ *"total" *: *\([0-9]*\).*/\1/p' || true)
else
    [ "$SERVERS" = 1 ] || { echo "SERVERS > 1 needs POSTGRES_URL (one SQLite file belongs to one server)" >&2; exit 2; }
    DB="$WORK/bench.sqlite"
    STORE=(--db "$DB")
    FILLED=$([ -f "$DB" ] && echo "$UNITS" || true)
fi
if [ "${FILLED:-0}" != "$UNITS" ]; then
    "$BIN" init "${STORE[@]}" > /dev/null
    "$BIN" location add WH-MAIN "${STORE[@]}" > /dev/null
    "$BIN" sku add BENCH --title "Bench unit" --tracking serial "${STORE[@]}" > /dev/null
    /usr/bin/time -f "received $UNITS units in %e s (max RSS %M KB)" \
        "$BIN" receive BENCH --serials "U0000001+$((UNITS - 1))" --at WH-MAIN "${STORE[@]}" > /dev/null
fi
TOKEN=$("$BIN" token create "${STORE[@]}" --role operator --name bench 2>/dev/null)
export TOKEN UNITS
PORTS=()
SERVER_PIDS=()
trap 'for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done; wait 2>/dev/null || true' EXIT
for k in $(seq 1 "$SERVERS"); do
    PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    "$BIN" serve "${STORE[@]}" --port "$PORT" --log-level warning > "$WORK/server-$k.log" 2>&1 &
    SERVER_PIDS+=($!)
    PORTS+=("$PORT")
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null 2>&1 && break; sleep 0.1; done
done
PER=$(( CONNECTIONS / SERVERS < THREADS ? THREADS : CONNECTIONS / SERVERS ))

# Runs wrk against every server at once (server k ships its own share of the serials) and sums requests/s.
load() {
    local script=$1 k=0 wrks=()
    for port in "${PORTS[@]}"; do
        STRIDE=$((UNITS / THREADS / SERVERS)) OFFSET=$((k * UNITS / SERVERS)) \
            wrk -t"$THREADS" -c"$PER" -d"$DURATION" --latency -s "$script" "http://127.0.0.1:$port" > "$WORK/wrk-$k.out" &
        wrks+=($!)
        k=$((k + 1))
    done
    wait "${wrks[@]}"
    for k in $(seq 0 $((SERVERS - 1))); do
        [ "$SERVERS" = 1 ] || echo "-- server $((k + 1)) (port ${PORTS[$k]})"
        cat "$WORK/wrk-$k.out"
    done
    [ "$SERVERS" = 1 ] || awk '/^Requests\/sec/ { sum += $2 } END { printf "all %d servers: %.0f requests/s\n", n, sum }' n="$SERVERS" "$WORK"/wrk-*.out
}

echo "== GET /api/v1/units/BENCH/{random serial}: $SERVERS server(s), wrk -t$THREADS -c$PER -d$DURATION --latency each"
load scripts/bench/unit-history.lua
echo "== POST /api/v1/shipments (one unit per request): $SERVERS server(s), wrk -t$THREADS -c$PER -d$DURATION --latency each"
load scripts/bench/ship-scan.lua
echo "store: ${STORE[*]} (reuse with WORK=$WORK)"
