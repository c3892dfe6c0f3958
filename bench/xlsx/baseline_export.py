"""What a user would write without qbank: PyYAML + openpyxl, bank folder -> workbook.

Usage: baseline_export.py BANK OUT.xlsx

The same sheet as `qbank export xlsx`: header bold and frozen, a filter, wrapped cells,
widths, the same drop-down lists. It does not check the schema or report broken files.
"""

import os
import sys

import openpyxl
import yaml
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
COLUMNS = ["id", "topic", "levels", "kind", "minutes", "text", "follow_ups", "strong",
           "red_flags", "tags", "status", "source"]
LEVELS = ["junior", "mid", "senior", "staff"]

bank, out = sys.argv[1], sys.argv[2]
topics = [t["id"] for t in yaml.load(open(os.path.join(bank, "topics.yaml")), Loader=Loader)["topics"]]
paths = []
for dirpath, dirs, names in os.walk(bank):
    dirs[:] = sorted(d for d in dirs if d != "kits")
    paths += [os.path.join(dirpath, n) for n in sorted(names)
              if n.endswith(".yaml") and n != "topics.yaml"]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Questions"
ws.append(COLUMNS)
for c in ws[1]:
    c.font = Font(bold=True, color="FFFFFF")
    c.fill = PatternFill("solid", fgColor="1F4E79")
wrap = Alignment(wrap_text=True, vertical="top")
for p in paths:
    with open(p, encoding="utf-8") as y:
        q = yaml.load(y, Loader=Loader)
    rubric = q.get("rubric") or {}
    cells = dict(q, strong=rubric.get("strong", []), red_flags=rubric.get("red_flags", []))
    row = []
    for c in COLUMNS:
        v = cells.get(c)
        if c == "levels":
            v = ", ".join(v)
        elif isinstance(v, list):
            v = "\n".join(map(str, v))
        row.append(v)
    ws.append(row)
    for cell in ws[ws.max_row]:
        cell.alignment = wrap
        if isinstance(cell.value, str):
            cell.data_type = "s"   # never a formula
ws.freeze_panes = "B2"
ws.auto_filter.ref = ws.dimensions
lists = wb.create_sheet("Lists")
combos = [", ".join(l for i, l in enumerate(LEVELS) if m & (1 << i)) for m in range(1, 16)]
for i, v in enumerate(combos, start=1):
    lists.cell(row=i, column=1, value=v)
for i, v in enumerate(topics, start=1):
    lists.cell(row=i, column=2, value=v)
lists.sheet_state = "hidden"
last = ws.max_row + 1000
for col, formula in [("B", f"Lists!$B$1:$B${len(topics)}"), ("C", "Lists!$A$1:$A$15"),
                     ("D", '"concept,experience,tooling,scenario,behavioral"'),
                     ("K", '"draft,active,retired"')]:
    dv = DataValidation(type="list", formula1=formula, showErrorMessage=True)
    dv.add(f"{col}2:{col}{last}")
    ws.add_data_validation(dv)
wb.save(out)
