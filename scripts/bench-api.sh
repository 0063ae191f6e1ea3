#!/usr/bin/env bash
# Load figures for the HTTP API (not part of CI; no timed assertions): a release build, a store
# of UNITS serialized units received with one CLI command, then wrk on loopback against
#   1. GET /api/v1/units/{sku}/{serial} with random serials (scripts/bench/unit-history.lua)
#   2. POST /api/v1/shipments, one unit per request (scripts/bench/ship-scan.lua)
# Prints wrk's report (requests/s and latency percentiles) for each.
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
DB="$WORK/bench.sqlite"
if [ ! -f "$DB" ]; then
    "$BIN" init --db "$DB" > /dev/null
    "$BIN" location add WH-MAIN --db "$DB" > /dev/null
    "$BIN" sku add BENCH --title "Bench unit" --tracking serial --db "$DB" > /dev/null
    /usr/bin/time -f "received $UNITS units in %e s (max RSS %M KB)" \
        "$BIN" receive BENCH --serials "U0000001+$((UNITS - 1))" --at WH-MAIN --db "$DB" > /dev/null
fi
TOKEN=$("$BIN" token create --db "$DB" --role operator --name bench 2>/dev/null)
export TOKEN UNITS
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$BIN" serve --db "$DB" --port "$PORT" --log-level warning > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null 2>&1 && break; sleep 0.1; done

echo "== GET /api/v1/units/BENCH/{random serial}: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench/unit-history.lua "http://127.0.0.1:$PORT"
echo "== POST /api/v1/shipments (one unit per request): wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
STRIDE=$((UNITS / THREADS)) OFFSET=0 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench/ship-scan.lua "http://127.0.0.1:$PORT"
echo "store: $DB (reuse with WORK=$WORK)"
