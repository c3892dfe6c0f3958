#!/usr/bin/env bash
# Opens qbank's CSV export in a real spreadsheet and brings it back.
#
# For each bank (default: the hostile fixture bank of qbank-export and the project's questions/):
#   1. `qbank export csv --excel --columns all`;
#   2. LibreOffice (headless) converts the CSV to XLSX, reading it as UTF-8 as Excel does with
#      the byte-order mark;
#   3. openpyxl reads the workbook: every cell must hold the CSV's value, and none a formula;
#   4. LibreOffice saves the workbook as CSV again, and `qbank import csv --dry-run` into the
#      same bank must find every question unchanged.
#
# Needs LibreOffice Calc (Debian: libreoffice-calc-nogui) and openpyxl; with CI=true they are
# installed when missing. QBANK names the binary (default: target/debug/qbank, built if needed).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
qbank=${QBANK:-$root/target/debug/qbank}
if [ "$#" -gt 0 ]; then
  banks=("$@")
else
  banks=("$root/crates/qbank-export/tests/fixtures/bank" "$root/questions")
fi

if ! command -v soffice >/dev/null; then
  if [ "${CI:-}" = true ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
  else
    echo "check-csv-in-spreadsheet: LibreOffice is missing: apt-get install libreoffice-calc-nogui" >&2
    exit 2
  fi
fi
if ! python3 -c 'import openpyxl' 2>/dev/null; then
  if [ "${CI:-}" = true ]; then
    python3 -m pip install -q openpyxl
  else
    echo "check-csv-in-spreadsheet: openpyxl is missing: python3 -m pip install openpyxl" >&2
    exit 2
  fi
fi
if [ ! -x "$qbank" ]; then
  (cd "$root" && cargo build -q -p qbank-cli)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A profile of its own, so that a LibreOffice already running elsewhere does not take the job.
soffice=(soffice "-env:UserInstallation=file://$work/profile" --headless --norestore)

status=0
for bank in "${banks[@]}"; do
  name=$(basename "$bank")
  out="$work/$name"
  mkdir -p "$out/back"
  echo "== $bank"
  "$qbank" export csv --bank "$bank" --excel --columns all --out "$out/bank.csv"
  # CSV filter options: comma, double quote, UTF-8 (76), from line 1.
  "${soffice[@]}" --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$out" "$out/bank.csv" >"$out/to-xlsx.log" 2>&1
  if [ ! -s "$out/bank.xlsx" ]; then
    cat "$out/to-xlsx.log" >&2
    echo "LibreOffice did not convert $out/bank.csv" >&2
    exit 2
  fi
  python3 "$root/scripts/check_csv_in_spreadsheet.py" "$out/bank.csv" "$out/bank.xlsx" || status=1

  "${soffice[@]}" --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$out/back" "$out/bank.xlsx" >"$out/to-csv.log" 2>&1
  report=$("$qbank" import csv "$out/back/bank.csv" --bank "$bank" --dry-run) || { echo "$report"; status=1; continue; }
  echo "$report" | tail -n 1
  case "$report" in
    "dry run: 0 created, 0 updated, "*) ;;
    *) echo "$report"; echo "saving from the spreadsheet changed the bank" >&2; status=1 ;;
  esac
done
exit $status
