#!/usr/bin/env bash
# Runs every test Tracestock has, against the real parts: SQLite (always), a throwaway
# PostgreSQL cluster on loopback (started here, stopped on exit) and the barcode decoder.
# Installs what is missing when run as root (CI), otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

ensure_test_dependencies
start_postgres_if_available
trap stop_postgres EXIT

swift build --build-tests
swift test --skip-build "$@"
