#!/usr/bin/env bash
# CSV export and import of N questions (default 100000): qbank against what a user would
# otherwise write (Python with PyYAML and csv), in the same run, on the same files.
#
# Usage: bench/csv/run.sh [N]    (QBANK: the binary, default target/release/qbank)
# Prints a Markdown table of wall time and peak memory (/usr/bin/time -v) per step.
set -euo pipefail

n=${1:-100000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
qbank=${QBANK:-$root/target/release/qbank}
# shellcheck source=../lib.sh
source "$root/bench/lib.sh"
sheet_setup "$n"

measure "export $n questions to CSV" "qbank export csv" \
  "$qbank" export csv --bank "$work/bank" --out "$work/qbank.csv"
measure "export $n questions to CSV" "Python (PyYAML CSafeLoader + csv)" \
  python3 "$here/baseline_export.py" "$work/bank-py" "$work/python.csv"

# 1% of the rows edited: a follow-up added.
python3 - "$work/qbank.csv" "$work/edited.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
col = rows[0].index("follow_ups")
for i, row in enumerate(rows[1:]):
    if i % 100 == 0:
        row[col] += "\nWhat would you do differently today?"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
PY

measure "import $n rows into an empty bank" "qbank import csv" \
  "$qbank" import csv "$work/qbank.csv" --bank "$work/empty"
measure "import $n rows into an empty bank" "Python (csv + PyYAML CSafeDumper)" \
  python3 "$here/baseline_import.py" "$work/qbank.csv" "$work/empty-py"
for b in bank bank-py; do
  (cd "$work/$b" && find . -name '*.yaml' -print0 | sort -z | xargs -0 md5sum >"$work/$b.sums")
done
measure "import $n rows, 1% edited, dry run" "qbank import csv --dry-run" \
  "$qbank" import csv "$work/edited.csv" --bank "$work/bank" --dry-run
measure "import $n rows, 1% edited" "qbank import csv" \
  "$qbank" import csv "$work/edited.csv" --bank "$work/bank"
measure "import $n rows, 1% edited" "Python (csv + PyYAML CSafeDumper)" \
  python3 "$here/baseline_import.py" "$work/edited.csv" "$work/bank-py"

echo
for b in bank bank-py; do
  changed=$(cd "$work/$b" && find . -name '*.yaml' -print0 | sort -z | xargs -0 md5sum | diff - "$work/$b.sums" | grep -c '^<' || true)
  echo "- files rewritten by the 1% edited import in $b/: $changed"
done
