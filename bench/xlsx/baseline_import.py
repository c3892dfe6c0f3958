"""What a user would write without qbank: openpyxl + PyYAML, workbook -> bank folder.

Usage: baseline_import.py IN.xlsx BANK

Writes (or rewrites) <BANK>/<topic>/<id>.yaml for every row, as it goes: no check of the
values, no all-or-nothing, comments in existing files lost.
"""

import os
import sys

import openpyxl
import yaml

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
xlsx, bank = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(xlsx, read_only=True)
rows = wb["Questions"].iter_rows(values_only=True)
header = next(rows)
for row in rows:
    cell = dict(zip(header, row))
    if not cell.get("id"):
        continue
    lines = lambda v: [x for x in (v or "").split("\n") if x]
    q = {"id": cell["id"], "text": cell["text"], "topic": cell["topic"],
         "levels": [x.strip() for x in (cell["levels"] or "").split(",") if x.strip()],
         "kind": cell["kind"]}
    if cell.get("minutes") is not None:
        q["minutes"] = int(cell["minutes"])
    q["status"] = cell.get("status") or "active"
    if cell.get("source"):
        q["source"] = cell["source"]
    q["tags"] = lines(cell.get("tags"))
    q["follow_ups"] = lines(cell.get("follow_ups"))
    q["rubric"] = {"strong": lines(cell.get("strong")), "red_flags": lines(cell.get("red_flags"))}
    folder = os.path.join(bank, q["topic"])
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, q["id"] + ".yaml"), "w", encoding="utf-8") as f:
        yaml.dump(q, f, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1 << 20)
