#!/usr/bin/env bash
# CI: exports a store (default: the demo store .ci/run builds) as EPCIS 2.0 and validates the export
# and GS1's example documents against the official JSON Schema with Python's jsonschema.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-tracestock-demo.sqlite}"
python3 -c "import jsonschema, rfc3986_validator, rfc3339_validator" 2>/dev/null \
    || python3 -m pip install -q jsonschema rfc3986-validator rfc3339-validator
out=$(mktemp -d /tmp/tracestock-epcis.XXXXXX)
swift run -q tracestock epcis export --db "$db" --out "$out/export.jsonld"
swift run -q tracestock epcis export --db "$db" --time-zone +02:00 --out "$out/export-tz.jsonld"
# GS1's schema and examples are not in the repository: $TRACESTOCK_SHARED_DIR, ../shared or /work/shared.
shared=""
for dir in "${TRACESTOCK_SHARED_DIR:-}" ../shared /work/shared; do
    if [ -n "$dir" ] && [ -f "$dir/epcis/EPCIS-JSON-Schema.json" ]; then shared="$dir"; break; fi
done
if [ -z "$shared" ]; then
    echo "warning: GS1's EPCIS JSON Schema is not on this machine (set TRACESTOCK_SHARED_DIR); schema validation skipped" >&2
else
    python3 scripts/epcis-validate.py --schema "$shared/epcis/EPCIS-JSON-Schema.json" \
        "$out/export.jsonld" "$out/export-tz.jsonld" "$shared"/epcis/*.jsonld
fi
rm -rf "$out"
