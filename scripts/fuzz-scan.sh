#!/usr/bin/env bash
# Builds the libFuzzer harness for the scan parsers and runs it for SECONDS (default 60).
# Exits non-zero when the fuzzer finds a crash (reproducer in .fuzz/artifacts/) and prints the
# number of executions. Replay a reproducer with the plain build:
#   swift build --product tracestock-fuzz-scan && .build/debug/tracestock-fuzz-scan .fuzz/artifacts/crash-*
set -euo pipefail

SECONDS_TO_RUN="${1:-60}"
cd "$(dirname "$0")/.."

# SwiftPM links executables with `--defsym main=<module>_main`; main.swift defines that symbol (under
# -DFUZZING) to start libFuzzer's driver. -parse-as-library: the harness has no top-level code.
swift build -c release --product tracestock-fuzz-scan --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING

BIN=.build-fuzz/release/tracestock-fuzz-scan
CORPUS=.fuzz/corpus-scan
ARTIFACTS=.fuzz/artifacts
LOG=.fuzz/last-run.log
mkdir -p "$CORPUS" "$ARTIFACTS"

# Seeds: one input of every form Scan.parse knows.
GS=$'\x1d'
seed() { printf '%s' "$2" > "$CORPUS/seed-$1"; }
seed bracketed '(01)09520123456788(17)251200(10)ABC123(21)SN-0001'
seed raw "]d2010952012345678817251200""10ABC123${GS}21SN-0001"
seed raw-gs "${GS}0109520123456788${GS}17251231${GS}10ABC${GS}21X${GS}"
seed lost-gs ']d2010952012345678810ABC21XYZ'
seed wide '(00)106141412345678908(414)9520123456788(254)A(253)4000001000005X(8003)09520123456788A(7003)2512312359(3103)001250(8010)AB#-/'
seed dl 'https://id.gs1.org/01/09520123456788/22/2A/10/ABC%2F1/21/12345?17=180426&3103=000195&auth=TS%3Aabc#x'
seed dl-prefix 'http://brand.example/dl/414/9520123456788/254/X?15=251200'
seed auth 'TS:000G-40R4-0M30-E209-185G-R38E-1WR'
seed auth-bare '000G40R40M30E209185GR38E1W8124GKR'
seed sscc '106141412345678908'
seed gtin ']E04006381333931'
seed fnsku 'X001ABC123'
seed asin '080442957X'
seed serial 'SN-0001'

set +e
"$BIN" "$CORPUS" -max_total_time="$SECONDS_TO_RUN" -max_len=1024 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$ARTIFACTS/" -print_final_stats=1 > "$LOG" 2>&1
STATUS=$?
set -e

EXECS=$(awk '/stat::number_of_executed_units/ { print $2 }' "$LOG")
echo "fuzz-scan: ${SECONDS_TO_RUN}s, executions: ${EXECS:-unknown}, exit status ${STATUS}"
if [ "$STATUS" -ne 0 ] || ls "$ARTIFACTS"/crash-* "$ARTIFACTS"/leak-* "$ARTIFACTS"/timeout-* >/dev/null 2>&1; then
    echo "fuzz-scan: FAILURE, see $LOG and $ARTIFACTS" >&2
    grep -E "ERROR|invariant violated|Fatal error|SUMMARY" "$LOG" | head -20 >&2 || true
    exit 1
fi
echo "fuzz-scan: no crashes"
