"""What a user would write without qbank: csv + PyYAML, CSV -> bank folder.

Usage: baseline_import.py IN.csv BANK

Updates <bank>/<topic>/<id>.yaml for rows whose file exists (rewriting it with yaml.safe_dump,
which drops comments and the authors' layout) and creates it otherwise. It does not validate
rows, undo formula neutralisation, or write all-or-nothing.
"""

import csv
import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LISTS = {"levels", "follow_ups", "strong", "red_flags", "tags"}

src, bank = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8-sig", newline="") as f:
    for row in csv.DictReader(f):
        path = os.path.join(bank, row["topic"], row["id"] + ".yaml")
        q = {}
        if os.path.exists(path):
            with open(path, encoding="utf-8") as y:
                q = yaml.load(y, Loader=Loader)
        for key, cell in row.items():
            value = [v for v in cell.split("\n") if v] if key in LISTS else cell
            if key == "minutes":
                value = int(cell) if cell else None
            if key in ("strong", "red_flags"):
                q.setdefault("rubric", {})[key] = value
            elif value in ("", None, []):
                q.pop(key, None)
            else:
                q[key] = value
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as y:
            yaml.dump(q, y, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1 << 20)
