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
python3 scripts/epcis-validate.py "$out/export.jsonld" "$out/export-tz.jsonld" ../shared/epcis/*.jsonld
rm -rf "$out"
