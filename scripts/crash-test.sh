#!/usr/bin/env bash
# Crash safety, tested for real, against a file SQLite store (README: "Crash safety and backups").
#
#   scripts/crash-test.sh [KILLS]        # at least KILLS SIGKILLs (default 20)
#
# Each round, on a fresh store: a 1,000,000-unit CSV import (`tracestock import receipts`) and a
# stream of single-unit ships (`tracestock-bench ship-stream`, which appends and fsyncs one line per
# acknowledged ship) run as separate processes and are killed with SIGKILL at random moments. Then:
#   - `tracestock check` finds the ledger and the projections consistent (exit 0);
#   - every acknowledged ship is in the ledger, and no unit was shipped twice;
#   - the import is all or nothing: its SKU has 0 or 1,000,000 units and 0 or all its events,
#     and 1,000,000 when the importer reported success;
#   - the store takes writes again: a short ship stream restarts where the killed one stopped
#     (the last round also re-runs the killed import with its idempotency key: exactly 1,000,000).
# Then two writers on one file at once: two ship streams racing for the same serials while an import
# holds the write lock, plus single ships with a short --busy-timeout. Each write succeeds or fails
# with the clear busy error having written nothing; "database is locked" must never surface.
#
# Environment: CRASH_BUILD=release|debug (default release), CRASH_IMPORT_UNITS (1000000),
# CRASH_IMPORT_ROWS (100), CRASH_SHIP_POOL (50000), CRASH_SEED (random), CRASH_STORE=sqlite.
# CRASH_STORE=postgres is the hook for PostgresLedgerStore: fill in fresh_store and ledger_query.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

KILLS=${1:-${CRASH_KILLS:-20}}
BUILD=${CRASH_BUILD:-release}
UNITS=${CRASH_IMPORT_UNITS:-1000000}
ROWS=${CRASH_IMPORT_ROWS:-100}
POOL=${CRASH_SHIP_POOL:-50000}
SEED=${CRASH_SEED:-$(( $(date +%s) % 32768 ))}
STORE_KIND=${CRASH_STORE:-sqlite}
RANDOM=$SEED
started=$(date +%s)

if [ "$STORE_KIND" != sqlite ]; then
    echo "crash-test: CRASH_STORE=$STORE_KIND is not supported yet (the PostgreSQL store is not on this branch)" >&2
    exit 2
fi
command -v sqlite3 >/dev/null || apt_install sqlite3 || { echo "crash-test: needs the sqlite3 command (apt-get install sqlite3)" >&2; exit 2; }

echo "== crash test: $KILLS kills, import of $UNITS units in $ROWS rows, $BUILD build, seed $SEED"
swift build -c "$BUILD" --product tracestock >/dev/null
swift build -c "$BUILD" --product tracestock-bench >/dev/null
BIN=$(swift build -c "$BUILD" --show-bin-path)
WORK=$(mktemp -d /tmp/tracestock-crash.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
# Starts a command in the background: stdout and stderr to $WORK/NAME.out and .err, its pid in
# $WORK/NAME.pid, its exit status in $WORK/NAME.status once it ends. A subshell reaps it, so
# bash's "Killed" notices stay out of the output.
spawn() {
    local name=$1; shift
    rm -f "$WORK/$name.pid" "$WORK/$name.status"
    ( "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" & echo $! > "$WORK/$name.pid"; s=0; wait $! || s=$?; echo $s > "$WORK/$name.status" ) >/dev/null 2>&1 &
    while [ ! -s "$WORK/$name.pid" ]; do sleep 0.01; done
    PIDS+=("$(cat "$WORK/$name.pid")")
}
# Waits for a spawned command and prints its exit status (137 when SIGKILL ended it).
reap() { while [ ! -s "$WORK/$1.status" ]; do sleep 0.02; done; cat "$WORK/$1.status"; }
# SIGKILL for a spawned command, if it still runs.
kill_spawned() { kill -9 "$(cat "$WORK/$1.pid")" 2>/dev/null || true; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
sleep_ms() { sleep "$(printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )))"; }
# A random number in [lo, hi].
random_between() { echo $(( $1 + (RANDOM * 32768 + RANDOM) % ($2 - $1 + 1) )); }

DB=""
ts() { "$BIN/tracestock" "$@" --db "$DB"; }

# A fresh store with a warehouse, the SKU the stream ships (POOL units in stock) and the SKU the
# import receives. (PostgreSQL hook: create a fresh database here and point the commands at it.)
fresh_store() {
    DB="$WORK/$1.sqlite"
    ts init >/dev/null
    ts location add WH-CRASH --kind warehouse >/dev/null
    ts sku add SHIP-1 --title "Shipped one by one" --tracking serial >/dev/null
    ts sku add IMP --title "Imported in bulk" --tracking serial >/dev/null
    ts receive SHIP-1 --serials "S0000001-S$(printf '%07d' "$POOL")" --at WH-CRASH >/dev/null
}

# Runs SQL against the store, read-only, outside Tracestock: an independent look at the ledger.
# (PostgreSQL hook: psql with the same SQL; the schema is the same.)
ledger_query() { sqlite3 -readonly "$DB" "$1"; }

CSV="$WORK/receipts.csv"
awk -v rows="$ROWS" -v per=$(( UNITS / ROWS )) 'BEGIN {
    print "sku,location,serials,lot"
    for (i = 0; i < rows; i++) printf "IMP,WH-CRASH,I%08d-I%08d,LI%04d\n", i * per + 1, (i + 1) * per, i
}' > "$CSV"

# Checks the store a round left behind. $1: 1 when the importer reported success.
verify_store() {
    local import_acked=$1 acks=$2 label=$3
    ts check > "$WORK/check.out" 2>&1 || { cat "$WORK/check.out" >&2; fail "$label: tracestock check found the store inconsistent"; }

    local total units events
    total=$(ts stock --sku IMP --json | sed -n 's/^ *"total" *: *\(-*[0-9]*\).*/\1/p')
    units=$(ledger_query "SELECT count(*) FROM unit u JOIN sku k ON k.id = u.sku_id WHERE k.code = 'IMP'")
    events=$(ledger_query "SELECT count(*) FROM event e JOIN sku k ON k.id = e.sku_id WHERE k.code = 'IMP'")
    case "$total/$units/$events" in
        "0/0/0") [ "$import_acked" = 0 ] || fail "$label: the importer reported success but nothing was imported" ;;
        "$UNITS/$UNITS/$ROWS") ;;
        *) fail "$label: half-written import: stock $total, units $units, events $events (expected 0/0/0 or $UNITS/$UNITS/$ROWS)" ;;
    esac

    ledger_query "SELECT e.seq || ' ' || u.serial || ' ' || e.order_ref FROM event e JOIN event_unit eu ON eu.event_seq = e.seq
                  JOIN unit u ON u.id = eu.unit_id WHERE e.type = 'ship'" | sort > "$WORK/ledger-ships.txt"
    sort "$acks" > "$WORK/acked.txt"
    local missing
    missing=$(comm -23 "$WORK/acked.txt" "$WORK/ledger-ships.txt" | head -5)
    [ -z "$missing" ] || fail "$label: acknowledged ships missing from the ledger: $missing"
    local twice
    twice=$(ledger_query "SELECT count(*) FROM (SELECT eu.unit_id FROM event_unit eu JOIN event e ON e.seq = eu.event_seq
                          WHERE e.type = 'ship' GROUP BY eu.unit_id HAVING count(*) > 1)")
    [ "$twice" = 0 ] || fail "$label: $twice units shipped twice"
    # The product agrees for the last acknowledged ship.
    local last
    last=$(tail -1 "$acks" | cut -d' ' -f2)
    if [ -n "$last" ]; then ts history SHIP-1 "$last" --json | grep -q '"state" : "shipped"' || fail "$label: $last is not shipped"; fi
    echo "$total"
}

# Whether a process holds SQLite's WAL write lock (byte 120 of the -shm file): it is inside a
# write transaction, i.e. committing.
in_write_transaction() { awk -v pid="$1" '$5 == pid && $4 == "WRITE" && $7 == 120 { found = 1 } END { exit !found }' /proc/locks; }

# Calibration: one import to completion on an empty store, to aim the kills: its duration, and
# when its write transaction begins (it plans first, then commits everything in one transaction).
fresh_store calibrate
t0=$(now_ms)
spawn calibrate "$BIN/tracestock" import receipts "$CSV" --db "$DB"
# The import's last write transaction is its commit (opening the store takes the lock briefly too).
COMMIT_MS=""
held=0
while [ ! -s "$WORK/calibrate.status" ]; do
    if in_write_transaction "$(cat "$WORK/calibrate.pid")"; then
        [ "$held" = 1 ] || COMMIT_MS=$(( $(now_ms) - t0 ))
        held=1
    else
        held=0
    fi
    sleep 0.02
done
IMPORT_MS=$(( $(now_ms) - t0 ))
PIDS=()
[ "$(reap calibrate)" = 0 ] || { cat "$WORK/calibrate.err" >&2; fail "calibration import failed"; }
COMMIT_MS=${COMMIT_MS:-$(( IMPORT_MS / 2 ))}
: > "$WORK/none.acks"
[ "$(verify_store 1 "$WORK/none.acks" calibration)" = "$UNITS" ] || fail "calibration import incomplete"
echo "calibration: the import takes $IMPORT_MS ms, its write transaction starts at about $COMMIT_MS ms"
rm -f "$WORK"/calibrate.sqlite*
mid_commit=0

killed=0
round=0
while [ "$killed" -lt "$KILLS" ]; do
    round=$(( round + 1 ))
    [ "$round" -le $(( KILLS * 3 )) ] || fail "only $killed kills in $(( round - 1 )) rounds"
    fresh_store "round-$round"
    acks="$WORK/round-$round.acks"
    : > "$acks"
    spawn import "$BIN/tracestock" import receipts "$CSV" --db "$DB" --idempotency-key "import-$round"
    spawn stream "$BIN/tracestock-bench" ship-stream --db "$DB" --sku SHIP-1 --prefix S --width 7 --first 1 \
        --count "$POOL" --ack "$acks" --order-tag "$round"
    # Every other round aims the import's kill at its write transaction, the others anywhere.
    if [ $(( round % 2 )) = 1 ]; then kill_import=$(random_between "$COMMIT_MS" "$IMPORT_MS")
    else kill_import=$(random_between $(( IMPORT_MS / 20 )) $(( IMPORT_MS * 21 / 20 ))); fi
    kill_stream=$(random_between $(( IMPORT_MS / 20 )) $(( IMPORT_MS * 21 / 20 )))
    if [ "$kill_import" -le "$kill_stream" ]; then order=(import stream); else order=(stream import); fi
    first=$(( kill_import < kill_stream ? kill_import : kill_stream ))
    second=$(( kill_import < kill_stream ? kill_stream : kill_import ))
    import_phase=
    for step in 0 1; do
        sleep_ms $(( step == 0 ? first : second - first ))
        if [ "${order[$step]}" = import ] && in_write_transaction "$(cat "$WORK/import.pid")"; then import_phase=committing; fi
        kill_spawned "${order[$step]}"
    done
    import_status=$(reap import)
    stream_status=$(reap stream)
    PIDS=()
    # A kill counts when it hit a running process (a process that had already exited reports its own status).
    round_kills=$(( (import_status == 137 ? 1 : 0) + (stream_status == 137 ? 1 : 0) ))
    killed=$(( killed + round_kills ))
    [ "$import_status" = 137 ] && [ "$import_phase" = committing ] && mid_commit=$(( mid_commit + 1 ))
    for err in "$WORK/import.err" "$WORK/stream.err"; do
        if grep -qi "database is locked" "$err"; then cat "$err" >&2; fail "round $round: 'database is locked' surfaced"; fi
    done
    [ "$import_status" = 0 ] || [ "$import_status" = 137 ] || { cat "$WORK/import.err" >&2; fail "round $round: the import failed ($import_status)"; }
    [ "$stream_status" = 0 ] || [ "$stream_status" = 137 ] || { cat "$WORK/stream.err" >&2; fail "round $round: the ship stream failed ($stream_status)"; }
    import_acked=$(( import_status == 0 ? 1 : 0 ))
    total=$(verify_store "$import_acked" "$acks" "round $round")
    # Not inside the write transaction when killed: before it, or after it (but before reporting).
    [ -n "$import_phase" ] || import_phase=$([ "$total" = 0 ] && echo "before commit" || echo "after commit")

    # Restart: the stream goes on after the last acknowledged serial (a ship that committed
    # without being acknowledged is reported "already shipped" and skipped).
    next=$(( $(cut -d' ' -f2 "$acks" | sed 's/^S0*//' | sort -n | tail -1 || true) + 1 ))
    if [ $(( next + 20 )) -le "$POOL" ]; then
        "$BIN/tracestock-bench" ship-stream --db "$DB" --sku SHIP-1 --prefix S --width 7 --first "$next" --count 20 \
            --ack "$acks" --order-tag "$round" > "$WORK/restart.out" 2> "$WORK/restart.err" || { cat "$WORK/restart.err" >&2; fail "round $round: restart failed"; }
    fi
    if [ "$killed" -ge "$KILLS" ] && [ "$total" = 0 ]; then
        ts import receipts "$CSV" --idempotency-key "import-$round" > /dev/null || fail "round $round: the re-run import failed"
        [ "$(verify_store 1 "$acks" "round $round, re-run import")" = "$UNITS" ] || fail "round $round: re-run import incomplete"
        restarted=" (import re-run to completion: $UNITS units)"
    else
        verify_store "$import_acked" "$acks" "round $round, after restart" > /dev/null
        restarted=""
    fi
    printf 'round %2d: kills %d (import at %5d ms: %-21s ship stream at %5d ms: %4d acknowledged ships) -> consistent, import %s%s\n' \
        "$round" "$round_kills" "$kill_import" "$([ "$import_status" = 137 ] && echo "killed $import_phase;" || echo "finished;")" "$kill_stream" \
        "$(wc -l < "$acks")" "$([ "$total" = 0 ] && echo "0 units" || echo "$total units")" "$restarted"
    rm -f "$WORK/round-$round".sqlite*
done
echo "$killed kills survived in $round rounds ($mid_commit imports killed inside their write transaction)"

echo "== two writers on one store file"
fresh_store writers
spawn w-import "$BIN/tracestock" import receipts "$CSV" --db "$DB"
race=$(( POOL / 4 < 5000 ? POOL / 4 : 5000 ))
for tag in 1 2; do
    spawn "w-$tag" "$BIN/tracestock-bench" ship-stream --db "$DB" --sku SHIP-1 --prefix S --width 7 --first 1 \
        --count "$race" --ack "$WORK/w-$tag.acks" --order-tag "$tag"
done
busy=0; ok=0; n=0
while [ ! -e "$WORK/w-import.status" ] && [ "$n" -lt 200 ]; do
    n=$(( n + 1 ))
    serial="S$(printf '%07d' $(( race + n )))"
    status=0
    ts ship SHIP-1 --serials "$serial" --order "113-0000009-$(printf '%07d' "$n")" --busy-timeout 0.05 > /dev/null 2> "$WORK/w-ship.err" || status=$?
    if grep -qi "database is locked" "$WORK/w-ship.err"; then cat "$WORK/w-ship.err" >&2; fail "two writers: 'database is locked' surfaced"; fi
    case "$status" in
        0) ok=$(( ok + 1 )) ;;
        3) grep -q "the store is busy" "$WORK/w-ship.err" || { cat "$WORK/w-ship.err" >&2; fail "two writers: exit 3 without the busy message"; }
           busy=$(( busy + 1 ))
           ts history SHIP-1 "$serial" --json | grep -q '"state" : "in_stock"' || fail "two writers: a busy ship of $serial wrote something" ;;
        *) cat "$WORK/w-ship.err" >&2; fail "two writers: ship exited $status" ;;
    esac
done
import_status=$(reap w-import)
for tag in 1 2; do
    status=$(reap "w-$tag")
    [ "$status" = 0 ] || { cat "$WORK/w-$tag.err" >&2; fail "two writers: ship stream $tag exited $status"; }
done
PIDS=()
for err in "$WORK"/w-*.err; do
    if grep -qi "database is locked" "$err"; then cat "$err" >&2; fail "two writers: 'database is locked' in $(basename "$err")"; fi
done
case "$import_status" in
    0) import_acked=1 ;;
    3) grep -q "the store is busy" "$WORK/w-import.err" || fail "two writers: the import failed without the busy message"; import_acked=0 ;;
    *) cat "$WORK/w-import.err" >&2; fail "two writers: the import exited $import_status" ;;
esac
cat "$WORK/w-1.acks" "$WORK/w-2.acks" > "$WORK/w.acks"
verify_store "$import_acked" "$WORK/w.acks" "two writers" > /dev/null
raced=$(cut -d' ' -f2 "$WORK/w.acks" | sort | uniq | wc -l)
[ "$raced" = "$(wc -l < "$WORK/w.acks")" ] || fail "two writers: a serial was acknowledged to both streams"
[ "$raced" = "$race" ] || fail "two writers: $raced of $race raced serials acknowledged"
echo "two writers: streams shipped $race serials between them (each exactly once: $(cut -d, -f1 "$WORK/w-1.out")), $ok single ships succeeded, $busy got the clear busy error and wrote nothing; import $([ "$import_acked" = 1 ] && echo "completed" || echo "reported busy")"
echo "crash test passed in $(( $(date +%s) - started )) s: $killed kills survived"
