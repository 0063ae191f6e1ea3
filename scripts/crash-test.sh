#!/usr/bin/env bash
# Crash safety, tested for real, against a file SQLite store or a PostgreSQL server
# (README: "Crash safety and backups").
#
#   scripts/crash-test.sh [KILLS]                       # at least KILLS SIGKILLs (default 20), SQLite
#   CRASH_STORE=postgres scripts/crash-test.sh [KILLS]  # the same against a throwaway PostgreSQL cluster
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
# With CRASH_STORE=postgres each round is a schema of its own on a PostgreSQL cluster this script
# starts (Debian's postgresql, installed when run as root), and the kills also hit the server:
# rounds take turns killing the clients, SIGKILLing the server process (backend) that runs the
# import or the ship stream (the postmaster then resets every connection and recovers), and once
# PostgreSQL itself is stopped with `pg_ctl -m immediate` (no clean shutdown) and started again.
# A client whose server went away exits with an error and is not counted as acknowledged. The
# throwaway cluster runs with fsync=off, which process kills do not test (the OS keeps the writes).
#
# Environment: CRASH_BUILD=release|debug (default release), CRASH_IMPORT_UNITS (1000000),
# CRASH_IMPORT_ROWS (100), CRASH_SHIP_POOL (50000), CRASH_SEED (random), CRASH_STORE=sqlite|postgres.
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

case "$STORE_KIND" in
    sqlite)
        command -v sqlite3 >/dev/null || apt_install sqlite3 || { echo "crash-test: needs the sqlite3 command (apt-get install sqlite3)" >&2; exit 2; } ;;
    postgres)
        apt_install postgresql || { echo "crash-test: needs PostgreSQL (apt-get install postgresql)" >&2; exit 2; }
        # Always a cluster of our own: the test kills and restarts its server.
        unset TRACESTOCK_TEST_POSTGRES_URL
        start_postgres_if_available >/dev/null
        [ -n "$PG_DIR" ] || { echo "crash-test: PostgreSQL did not start" >&2; exit 2; }
        PG_URL=$TRACESTOCK_TEST_POSTGRES_URL
        PG_RUN=(env)
        [ "$(id -u)" = 0 ] && PG_RUN=(runuser -u postgres --) ;;
    *) echo "crash-test: CRASH_STORE must be sqlite or postgres, not $STORE_KIND" >&2; exit 2 ;;
esac

echo "== crash test ($STORE_KIND): $KILLS kills, import of $UNITS units in $ROWS rows, $BUILD build, seed $SEED"
swift build -c "$BUILD" --product tracestock >/dev/null
swift build -c "$BUILD" --product tracestock-bench >/dev/null
BIN=$(swift build -c "$BUILD" --show-bin-path)
WORK=$(mktemp -d /tmp/tracestock-crash.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
    stop_postgres
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
SCHEMA=""
# The store flags of a client; $1 names it to the server (application_name), so that the test can
# find and kill the PostgreSQL backend serving it.
store_flags() {
    if [ "$STORE_KIND" = postgres ]; then echo "--postgres $PG_URL?schema=$SCHEMA&application_name=crash_${1:-cli}"
    else echo "--db $DB"; fi
}
ts() { "$BIN/tracestock" "$@" $(store_flags); }
psql_run() { PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$PG_URL" -c "$1"; }

# A fresh store with a warehouse, the SKU the stream ships (POOL units in stock) and the SKU the
# import receives: a new SQLite file, or a new PostgreSQL schema.
fresh_store() {
    DB="$WORK/$1.sqlite"
    SCHEMA="crash_${1//-/_}"
    ts init >/dev/null
    ts location add WH-CRASH --kind warehouse >/dev/null
    ts sku add SHIP-1 --title "Shipped one by one" --tracking serial >/dev/null
    ts sku add IMP --title "Imported in bulk" --tracking serial >/dev/null
    ts receive SHIP-1 --serials "S0000001-S$(printf '%07d' "$POOL")" --at WH-CRASH >/dev/null
}

# Runs SQL against the store, read-only, outside Tracestock: an independent look at the ledger
# (the tables are the same in both stores).
ledger_query() {
    if [ "$STORE_KIND" = postgres ]; then psql_run "SET search_path TO $SCHEMA; $1"; else sqlite3 -readonly "$DB" "$1"; fi
}
# Removes a round's store.
drop_store() {
    if [ "$STORE_KIND" = postgres ]; then psql_run "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"; else rm -f "$DB" "$DB"-wal "$DB"-shm; fi
}

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
                          WHERE e.type = 'ship' GROUP BY eu.unit_id HAVING count(*) > 1) AS twice")
    [ "$twice" = 0 ] || fail "$label: $twice units shipped twice"
    # The product agrees for the last acknowledged ship.
    local last
    last=$(tail -1 "$acks" | cut -d' ' -f2)
    if [ -n "$last" ]; then ts history SHIP-1 "$last" --json | grep -q '"state" : "shipped"' || fail "$label: $last is not shipped"; fi
    echo "$total"
}

# Whether a client is inside its write transaction, i.e. committing: with SQLite, the process
# holds the WAL write lock (byte 120 of the -shm file); with PostgreSQL, the backend serving the
# import has a transaction id (it has written).
in_write_transaction() {
    if [ "$STORE_KIND" = postgres ]; then
        [ "$(psql_run "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'crash_import' AND backend_xid IS NOT NULL" 2>/dev/null)" -gt 0 ] 2>/dev/null
    else
        awk -v pid="$1" '$5 == pid && $4 == "WRITE" && $7 == 120 { found = 1 } END { exit !found }' /proc/locks
    fi
}

# PostgreSQL: SIGKILL the server process serving client $1 (crash_$1); prints 1 when one was
# killed. The postmaster then ends every other connection and recovers before it takes new ones.
kill_backend() {
    local pid
    pid=$(psql_run "SELECT pid FROM pg_stat_activity WHERE application_name = 'crash_$1' ORDER BY backend_xid IS NULL LIMIT 1" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; then echo 1; else echo 0; fi
}
# PostgreSQL: stop the server without a clean shutdown (every process ends at once) and start it.
restart_server() {
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null
    pg_start >/dev/null
}
# PostgreSQL: waits until the server takes connections again (after a backend kill it recovers first).
wait_for_server() {
    local n=0
    until psql_run "SELECT 1" >/dev/null 2>&1; do
        n=$(( n + 1 )); [ "$n" -lt 300 ] || fail "PostgreSQL did not come back"; sleep 0.1
    done
}

# Calibration: one import to completion on an empty store, to aim the kills: its duration, and
# when its write transaction begins (it plans first, then commits everything in one transaction).
fresh_store calibrate
t0=$(now_ms)
spawn calibrate "$BIN/tracestock" import receipts "$CSV" $(store_flags import)
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
drop_store
mid_commit=0
server_kills=0
server_restarts=0

killed=0
round=0
while [ "$killed" -lt "$KILLS" ]; do
    round=$(( round + 1 ))
    [ "$round" -le $(( KILLS * 3 )) ] || fail "only $killed kills in $(( round - 1 )) rounds"
    fresh_store "round-$round"
    acks="$WORK/round-$round.acks"
    : > "$acks"
    spawn import "$BIN/tracestock" import receipts "$CSV" $(store_flags import) --idempotency-key "import-$round"
    spawn stream "$BIN/tracestock-bench" ship-stream $(store_flags stream) --sku SHIP-1 --prefix S --width 7 --first 1 \
        --count "$POOL" --ack "$acks" --order-tag "$round"
    # Every other round aims the import's kill at its write transaction, the others anywhere.
    if [ $(( round % 2 )) = 1 ]; then kill_import=$(random_between "$COMMIT_MS" "$IMPORT_MS")
    else kill_import=$(random_between $(( IMPORT_MS / 20 )) $(( IMPORT_MS * 21 / 20 ))); fi
    kill_stream=$(random_between $(( IMPORT_MS / 20 )) $(( IMPORT_MS * 21 / 20 )))
    if [ "$kill_import" -le "$kill_stream" ]; then order=(import stream); else order=(stream import); fi
    first=$(( kill_import < kill_stream ? kill_import : kill_stream ))
    second=$(( kill_import < kill_stream ? kill_stream : kill_import ))
    # PostgreSQL: rounds take turns killing the clients, the import's backend, the stream's
    # backend, and (once, in round 3) the whole server.
    server_target=
    if [ "$STORE_KIND" = postgres ]; then
        case $(( round % 3 )) in 1) ;; 2) server_target=import ;; 0) server_target=stream ;; esac
        [ "$round" = 3 ] && server_target=server
    fi
    import_phase=
    server_hit=0
    client_kills=0
    for step in 0 1; do
        sleep_ms $(( step == 0 ? first : second - first ))
        if [ "${order[$step]}" = import ] && in_write_transaction "$(cat "$WORK/import.pid")"; then import_phase=committing; fi
        if [ "$server_target" = server ] && [ "${order[$step]}" = import ]; then
            restart_server
            server_restarts=$(( server_restarts + 1 )); server_hit=1
        elif [ -n "$server_target" ] && [ "${order[$step]}" = "$server_target" ]; then
            hit=$(kill_backend "$server_target")
            server_hit=$(( server_hit + hit ))
        else
            kill -0 "$(cat "$WORK/${order[$step]}.pid")" 2>/dev/null && client_kills=$(( client_kills + 1 ))
            kill_spawned "${order[$step]}"
        fi
    done
    # A client whose server went away ends on its own (with an error) or goes on; end it now.
    if [ "$server_hit" -gt 0 ]; then
        server_kills=$(( server_kills + server_hit ))
        wait_for_server
        sleep 0.2
        kill_spawned import; kill_spawned stream
    fi
    import_status=$(reap import)
    stream_status=$(reap stream)
    PIDS=()
    # A kill counts when it hit a running process (a process that had already exited reports its
    # own status); after a server kill, the clients ended afterwards do not count.
    round_kills=$(( (import_status == 137 ? 1 : 0) + (stream_status == 137 ? 1 : 0) ))
    [ "$server_hit" -gt 0 ] && round_kills=$(( server_hit + client_kills ))
    killed=$(( killed + round_kills ))
    [ "$import_status" = 137 ] && [ "$import_phase" = committing ] && mid_commit=$(( mid_commit + 1 ))
    for err in "$WORK/import.err" "$WORK/stream.err"; do
        if grep -qi "database is locked" "$err"; then cat "$err" >&2; fail "round $round: 'database is locked' surfaced"; fi
    done
    # With its server killed, a client may end with an error (exit 1 or 3, never a crash).
    client_ok() { [ "$1" = 0 ] || [ "$1" = 137 ] || { [ "$server_hit" -gt 0 ] && { [ "$1" = 1 ] || [ "$1" = 3 ]; }; }; }
    client_ok "$import_status" || { cat "$WORK/import.err" >&2; fail "round $round: the import failed ($import_status)"; }
    client_ok "$stream_status" || { cat "$WORK/stream.err" >&2; fail "round $round: the ship stream failed ($stream_status)"; }
    import_acked=$(( import_status == 0 ? 1 : 0 ))
    total=$(verify_store "$import_acked" "$acks" "round $round")
    # Not inside the write transaction when killed: before it, or after it (but before reporting).
    [ -n "$import_phase" ] || import_phase=$([ "$total" = 0 ] && echo "before commit" || echo "after commit")

    # Restart: the stream goes on after the last acknowledged serial (a ship that committed
    # without being acknowledged is reported "already shipped" and skipped).
    next=$(( $(cut -d' ' -f2 "$acks" | sed 's/^S0*//' | sort -n | tail -1 || true) + 1 ))
    if [ $(( next + 20 )) -le "$POOL" ]; then
        "$BIN/tracestock-bench" ship-stream $(store_flags stream) --sku SHIP-1 --prefix S --width 7 --first "$next" --count 20 \
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
    case "$server_target" in
        server) victim="server restarted" ;; import|stream) victim="$server_target backend killed" ;; *) victim="clients killed" ;;
    esac
    [ "$STORE_KIND" = postgres ] || victim=""
    if [ "$import_status" = 0 ]; then import_end="finished;"
    elif [ "$server_hit" -gt 0 ]; then import_end="server lost $import_phase;"
    elif [ "$import_status" = 137 ]; then import_end="killed $import_phase;"
    else import_end="failed $import_phase;"; fi
    printf 'round %2d: kills %d %s(import at %5d ms: %-21s ship stream at %5d ms: %4d acknowledged ships) -> consistent, import %s%s\n' \
        "$round" "$round_kills" "${victim:+$victim }" "$kill_import" "$import_end" "$kill_stream" \
        "$(wc -l < "$acks")" "$([ "$total" = 0 ] && echo "0 units" || echo "$total units")" "$restarted"
    drop_store
done
echo "$killed kills survived in $round rounds ($mid_commit imports killed inside their write transaction)"
[ "$STORE_KIND" = postgres ] && echo "PostgreSQL: $server_kills server processes killed, $server_restarts immediate restarts of the server"

echo "== two writers on one store"
fresh_store writers
spawn w-import "$BIN/tracestock" import receipts "$CSV" $(store_flags import)
race=$(( POOL / 4 < 5000 ? POOL / 4 : 5000 ))
for tag in 1 2; do
    spawn "w-$tag" "$BIN/tracestock-bench" ship-stream $(store_flags "stream$tag") --sku SHIP-1 --prefix S --width 7 --first 1 \
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
