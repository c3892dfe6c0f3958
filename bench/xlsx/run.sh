#!/usr/bin/env bash
# XLSX export and import of N questions (default 10000): qbank against what a user would
# otherwise write (Python with PyYAML and openpyxl), in the same run, on the same files.
#
# Usage: bench/xlsx/run.sh [N]    (QBANK: the binary, default target/release/qbank;
#                                 needs python3 with openpyxl and PyYAML)
# Prints a Markdown table of wall time and peak memory (/usr/bin/time -v) per step.
set -euo pipefail

n=${1:-10000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
qbank=${QBANK:-$root/target/release/qbank}
# shellcheck source=../lib.sh
source "$root/bench/lib.sh"
sheet_setup "$n"

measure "export $n questions to XLSX" "qbank export xlsx" \
  "$qbank" export xlsx "$work/bank" --out "$work/qbank.xlsx"
measure "export $n questions to XLSX" "Python (PyYAML CSafeLoader + openpyxl)" \
  python3 "$here/baseline_export.py" "$work/bank-py" "$work/python.xlsx"

# 1% of the rows edited with openpyxl: a follow-up added.
python3 - "$work/qbank.xlsx" "$work/edited.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Questions"]
col = [c.value for c in ws[1]].index("follow_ups") + 1
for r in range(2, ws.max_row + 1, 100):
    c = ws.cell(row=r, column=col)
    c.value = (c.value + "\n" if c.value else "") + "What would you do differently today?"
wb.save(sys.argv[2])
PY

measure "import $n rows into an empty bank" "qbank import xlsx" \
  "$qbank" import xlsx "$work/qbank.xlsx" --bank "$work/empty"
measure "import $n rows into an empty bank" "Python (openpyxl + PyYAML CSafeDumper)" \
  python3 "$here/baseline_import.py" "$work/qbank.xlsx" "$work/empty-py"
measure "import $n rows, 1% edited" "qbank import xlsx" \
  "$qbank" import xlsx "$work/edited.xlsx" --bank "$work/bank"
measure "import $n rows, 1% edited" "Python (openpyxl + PyYAML CSafeDumper)" \
  python3 "$here/baseline_import.py" "$work/edited.xlsx" "$work/bank-py"
echo
echo "- workbook sizes: qbank $(du -k "$work/qbank.xlsx" | cut -f1) KB, openpyxl $(du -k "$work/python.xlsx" | cut -f1) KB"
