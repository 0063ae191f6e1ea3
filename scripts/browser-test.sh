#!/usr/bin/env bash
# Drives the web UI in a real browser: headless Chromium through Selenium and the system
# chromedriver (Debian's chromium + chromium-driver, selenium from PyPI; nothing is downloaded
# at run time). Builds tracestock, creates the demo store and three users with
# `tracestock user create`, starts `tracestock serve` on a free loopback port and runs
# scripts/browser_test.py against it. Screenshots of every page go to screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

apt_install chromium chromium-driver || { echo "browser test: needs chromium and chromium-driver (apt-get install)" >&2; exit 1; }
pip_install selenium selenium || { echo "browser test: needs selenium (pip install selenium)" >&2; exit 1; }

swift build --product tracestock
BIN="$(swift build --show-bin-path)/tracestock"
WORK=$(mktemp -d /tmp/tracestock-browser.XXXXXX)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DB="$WORK/store.sqlite"
"$BIN" demo --db "$DB" > /dev/null
# Passwords go through standard input only (never argv, never logs).
printf '%s\n' 'operator-password-1' | "$BIN" user create oper --role operator --password-stdin --db "$DB"
printf '%s\n' 'viewer-password-1' | "$BIN" user create watcher --role viewer --password-stdin --db "$DB"
printf '%s\n' 'admin-password-1' | "$BIN" user create boss --role admin --password-stdin --db "$DB"
"$BIN" user list --db "$DB"
# One authentication code for the public verify page.
CODE=$("$BIN" codes issue EB-100 --serials EB000001 --db "$DB" | tail -1 | cut -d, -f3)

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$BIN" serve --db "$DB" --host 127.0.0.1 --port "$PORT" --log-level info > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/health" > /dev/null 2>&1 && break
    sleep 0.1
done
curl -fs "http://127.0.0.1:$PORT/health" > /dev/null

mkdir -p screenshots
set +e
BASE_URL="http://127.0.0.1:$PORT" AUTH_CODE="$CODE" SCREENSHOTS=screenshots python3 scripts/browser_test.py
status=$?
set -e
if grep -qi "password-1" "$WORK/server.log"; then
    echo "browser test: a password appeared in the server log" >&2
    status=1
fi
if [ "$status" -ne 0 ]; then
    echo "--- server log (last 40 lines)" >&2
    tail -40 "$WORK/server.log" >&2
fi
exit "$status"
