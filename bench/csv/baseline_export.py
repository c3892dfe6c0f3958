"""What a user would write without qbank: PyYAML + csv, bank folder -> CSV.

Usage: baseline_export.py BANK OUT.csv

Same columns and cell format as `qbank export csv` (lists joined with line breaks), using
libyaml's CSafeLoader when PyYAML has it. It does not neutralise formulas, check the schema or
report broken files.
"""

import csv
import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
COLUMNS = ["id", "topic", "levels", "kind", "minutes", "text", "follow_ups", "strong",
           "red_flags", "tags", "status", "source"]

bank, out = sys.argv[1], sys.argv[2]
paths = []
for dirpath, dirs, names in os.walk(bank):
    dirs[:] = sorted(d for d in dirs if d != "kits")
    paths += [os.path.join(dirpath, n) for n in sorted(names)
              if n.endswith(".yaml") and n != "topics.yaml"]

with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(COLUMNS)
    for p in paths:
        with open(p, encoding="utf-8") as y:
            q = yaml.load(y, Loader=Loader)
        rubric = q.get("rubric") or {}
        cells = dict(q, strong=rubric.get("strong", []), red_flags=rubric.get("red_flags", []))
        w.writerow(["\n".join(map(str, cells.get(c) or [])) if isinstance(cells.get(c), list)
                    else ("" if cells.get(c) is None else str(cells.get(c))) for c in COLUMNS])
