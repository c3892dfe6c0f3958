#!/usr/bin/env bash
# Opens `qbank export xlsx` the way people do: openpyxl and LibreOffice (headless) read every
# value, the drop-down lists and the frozen header back; then a round trip (export, edit three
# cells with openpyxl, import) must change exactly those three fields and nothing else.
#
#   scripts/check-workbook.sh [path/to/qbank]        (needs python3 with openpyxl, soffice)
set -euo pipefail
cd "$(dirname "$0")/.."
qbank=$(realpath "${1:-target/release/qbank}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=1767225600

"$qbank" export xlsx questions --out "$out/bank.xlsx"
"$qbank" export json questions --out "$out/bank.json"
(cd "$out" && soffice "-env:UserInstallation=file://$out/lo-profile" --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1' \
  bank.xlsx >/dev/null 2>&1) || { echo "check-workbook: LibreOffice could not open the workbook" >&2; exit 1; }
csv=$(ls "$out"/bank*.csv | head -1)
python3 scripts/check_workbook.py read "$out/bank.xlsx" "$out/bank.json" "$csv"

# The round trip, on a copy of the bank.
cp -r questions "$out/bank"
"$qbank" export xlsx "$out/bank" --out "$out/edit.xlsx"
"$qbank" export json "$out/bank" --out "$out/before.json"
python3 scripts/check_workbook.py edit "$out/edit.xlsx" > "$out/edits.json"
"$qbank" import xlsx "$out/edit.xlsx" --bank "$out/bank"
"$qbank" export json "$out/bank" --out "$out/after.json"
python3 scripts/check_workbook.py compare "$out/before.json" "$out/after.json" "$out/edits.json"
"$qbank" fmt --check "$out/bank" >/dev/null || { echo "check-workbook: the imported files are not in the canonical layout" >&2; exit 1; }
echo "xlsx: ok (openpyxl and LibreOffice read every value, the lists and the frozen header; the round trip changes exactly the edited cells)"
