# Shared set-up for scripts/test.sh and .ci/run: packages the tests need and a throwaway
# PostgreSQL cluster. Sourced, not run.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else echo "skipping (not root): $*" >&2; return 1; fi; }

apt_updated=0
apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq || return 1; apt_updated=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

pip_install() {
    python3 -c "import $1" 2>/dev/null && return 0
    python3 -m pip install -q "${@:2}"
}

ensure_test_dependencies() {
    apt_install libsqlite3-dev zlib1g-dev || echo "warning: install libsqlite3-dev zlib1g-dev" >&2
    if [ -d Sources/TracestockPostgres ]; then apt_install postgresql || echo "warning: install postgresql for the PostgreSQL tests" >&2; fi
    if [ -f scripts/decode_barcodes.py ]; then pip_install zxingcpp zxing-cpp pillow || echo "warning: pip install zxing-cpp pillow" >&2; fi
}

PG_DIR=""
start_postgres_if_available() {
    [ -d Sources/TracestockPostgres ] || return 0
    [ -n "${TRACESTOCK_TEST_POSTGRES_URL:-}" ] && return 0
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [ -z "$bin" ]; then echo "warning: PostgreSQL is not installed; its tests are skipped" >&2; return 0; fi
    PG_DIR=$(mktemp -d /tmp/tracestock-pg.XXXXXX)
    local port run=(env) attempt
    if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; run=(runuser -u postgres --); fi
    "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" --auth=trust -U tracestock >/dev/null
    export PG_BIN="$bin" PG_DATA="$PG_DIR/data"
    for attempt in 1 2 3 4 5; do   # a random port may be taken: try another
        port=$(( 20000 + RANDOM % 20000 ))
        PG_PORT=$port pg_start >/dev/null && break
        [ "$attempt" = 5 ] && { cat "$PG_DIR/log" >&2; echo "error: PostgreSQL did not start" >&2; return 1; }
    done
    export PG_PORT="$port"
    export TRACESTOCK_TEST_POSTGRES_URL="postgres://tracestock@127.0.0.1:$port/postgres"
    echo "PostgreSQL running on 127.0.0.1:$port for the tests"
}

# Starts (or restarts after a stop) the throwaway cluster in $PG_DIR on $PG_PORT; loopback only,
# fsync off (a test cluster: process kills do not need it, only a machine crash would).
pg_start() {
    local run=(env)
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start
}

stop_postgres() {
    [ -n "$PG_DIR" ] || return 0
    local run=(env)
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
