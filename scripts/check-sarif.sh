#!/usr/bin/env bash
# Reads `qbank lint --format sarif` with a real SARIF client, sarif-tools (`pip install
# sarif-tools`): on a bank with errors, warnings and hints, `sarif csv` must list exactly the
# findings of `--format json`, each with its rule, level, file and line. (The schema itself is
# checked by crates/qbank-lint/tests/sarif.rs.) About 2 s.
#
#   scripts/check-sarif.sh [path/to/qbank]        (needs `sarif` on the PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
qbank=$(realpath "${1:-target/release/qbank}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bank=crates/qbank-lint/tests/banks/mixed
"$qbank" lint "$bank" --format sarif >"$out/lint.sarif" || [ $? -eq 1 ]
"$qbank" lint "$bank" --format json >"$out/lint.json" || [ $? -eq 1 ]
sarif csv --output "$out/lint.csv" "$out/lint.sarif" >/dev/null
python3 - "$out/lint.json" "$out/lint.csv" <<'PY'
import csv, json, sys
from urllib.parse import unquote
level = {"error": "error", "warning": "warning", "info": "note"}
want = sorted((d["rule"], level[d["severity"]], d["file"], str(d["line"]))
              for d in json.load(open(sys.argv[1], encoding="utf-8"))["diagnostics"])
# SARIF locations are URIs: `with space/café.yaml` is written `with%20space/caf%C3%A9.yaml`.
got = sorted((r["Code"], r["Severity"], unquote(r["Location"]), r["Line"])
             for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")))
if not want:
    sys.exit("check-sarif: the bank has no findings to compare")
if got != want:
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    sys.exit(f"check-sarif: sarif-tools reads other findings than the JSON holds:\n"
             f"  missing: {missing}\n  extra: {extra}")
levels = {l: sum(1 for w in want if w[1] == l) for l in ("error", "warning", "note")}
print(f"sarif: sarif-tools reads all {len(want)} findings ({levels['error']} errors, "
      f"{levels['warning']} warnings, {levels['note']} notes) with rule, level, file and line")
PY
