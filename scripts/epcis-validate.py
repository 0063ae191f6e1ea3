#!/usr/bin/env python3
"""Validates EPCIS 2.0 JSON/JSON-LD documents against GS1's official JSON Schema.

Usage: scripts/epcis-validate.py [--schema PATH] FILE...

The schema defaults to ../shared/epcis/EPCIS-JSON-Schema.json beside the repository. Formats
("uri", "date-time") are checked too; that needs the rfc3986-validator and rfc3339-validator
packages, and the script refuses to run without them rather than skip those checks silently.
Prints one line per file and every error with its JSON path; exits 1 when any file is invalid.
"""
import argparse
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "epcis", "EPCIS-JSON-Schema.json"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", default=DEFAULT_SCHEMA)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    missing = [name for name in ("uri", "date-time") if name not in checker.checkers]
    if missing:
        print(f"error: no format checker for {', '.join(missing)}: pip install rfc3986-validator rfc3339-validator", file=sys.stderr)
        return 2
    validator = jsonschema.Draft7Validator(schema, format_checker=checker)

    failed = 0
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        events = len(document.get("epcisBody", {}).get("eventList", []))
        if errors:
            failed += 1
            print(f"INVALID {path}: {len(errors)} schema errors")
            for error in errors[:20]:
                where = "/".join(str(p) for p in error.absolute_path) or "(document)"
                print(f"  {where}: {error.message[:300]}")
        else:
            print(f"valid {path} ({events} events)")
    print(f"{len(args.files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
