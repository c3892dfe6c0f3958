"""Checks of `qbank export xlsx` with openpyxl (and LibreOffice's CSV of it); see check-workbook.sh.

  check_workbook.py read BANK.xlsx BANK.json LIBREOFFICE.csv
  check_workbook.py edit BANK.xlsx            > edits.json   (edits three cells, saves)
  check_workbook.py compare BEFORE.json AFTER.json edits.json
"""
import csv
import json
import sys

import openpyxl

KINDS = ["concept", "experience", "tooling", "scenario", "behavioral"]
STATUSES = ["draft", "active", "retired"]


def fail(message):
    sys.exit(f"check-workbook: {message}")


# Columns made from several fields (the rubric by level, the file's revision): LibreOffice and
# openpyxl must agree on them, and the round trip covers them, but JSON has no one value to
# compare with.
DERIVED = {"expect", "anchor_1", "anchor_2", "anchor_3", "anchor_4", "level_anchors", "revision"}


def expected_cell(q, column):
    """The text a cell should hold for question q (from `qbank export json`)."""
    value = {
        "levels": ", ".join(q["levels"]),
        "competencies": ", ".join(q.get("competencies") or []),
        "follow_ups": "\n".join(q["follow_ups"]),
        "strong": "\n".join(q["rubric"]["strong"]),
        "red_flags": "\n".join(q["rubric"]["red_flags"]),
        "tags": "\n".join(q["tags"]),
    }.get(column, q.get(column))
    return value


def read(xlsx, bank_json, lo_csv):
    bank = json.load(open(bank_json, encoding="utf-8"))
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Questions"]
    if ws.freeze_panes != "B2":
        fail(f"the header and id column are not frozen (freeze_panes {ws.freeze_panes})")
    if not ws["A1"].font.b:
        fail("the header is not bold")
    if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
        fail(f"no filter on the header ({ws.auto_filter.ref})")
    header = [c.value for c in ws[1]]
    questions = bank["questions"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    if len(rows) != len(questions):
        fail(f"{len(rows)} rows for {len(questions)} questions")
    checked = 0
    for row, q in zip(rows, questions):
        for column, value in zip(header, row):
            if column in DERIVED:
                continue
            want = expected_cell(q, column)
            got = value
            if want in (None, "", []):
                want = None
            if isinstance(got, str) and got == "":
                got = None
            if column == "minutes" and got is not None:
                if not isinstance(got, (int, float)):
                    fail(f"{q['id']}: minutes is not a number: {got!r}")
                got = int(got)
            if got != want:
                fail(f"{q['id']} {column}: openpyxl reads {got!r}, the bank has {want!r}")
            if isinstance(got, str) and ws.cell(row=rows.index(row) + 2, column=header.index(column) + 1).data_type == "f":
                fail(f"{q['id']} {column}: stored as a formula")
            checked += 1
    # Texts that look like formulas are text cells.
    for r in ws.iter_rows(min_row=2):
        for c in r:
            if c.data_type == "f":
                fail(f"{c.coordinate} is a formula: {c.value!r}")

    # The drop-down lists.
    lists = wb["Lists"]
    if lists.sheet_state != "hidden":
        fail("the Lists sheet is not hidden")
    def column_values(letter):
        return [c.value for c in lists[letter][1:] if c.value is not None]
    topics = [t["id"] for t in bank["topics"]]
    found = {}
    for dv in ws.data_validations.dataValidation:
        col = str(dv.sqref).split(":")[0].rstrip("0123456789")
        name = header[openpyxl.utils.column_index_from_string(col) - 1]
        if not str(dv.sqref).startswith(f"{col}2:"):
            fail(f"{name}: the list does not start below the header ({dv.sqref})")
        if dv.type == "list":
            f = dv.formula1
            if f.startswith('"'):
                values = f.strip('"').split(",")
            else:
                sheet, ref = f.split("!")
                letter = ref.split(":")[0].replace("$", "").rstrip("0123456789")
                values = column_values(letter)
            found[name] = values
        else:
            found[name] = (dv.type, dv.formula1, dv.formula2)
        if not dv.showErrorMessage:
            fail(f"{name}: a value outside the list is not refused")
    want = {"kind": KINDS, "status": STATUSES, "topic": topics, "minutes": ("whole", "1", "60")}
    for name, values in want.items():
        if found.get(name) != values:
            fail(f"{name}: the list is {found.get(name)!r}, expected {values!r}")
    levels = found.get("levels", [])
    if len(levels) != 15 or levels[:4] != ["junior", "mid", "senior", "staff"] or "mid, senior" not in levels:
        fail(f"levels: the list is {levels!r}")
    for q in questions:
        if ", ".join(q["levels"]) not in levels:
            fail(f"{q['id']}: its levels are not one of the list's values")
        if q.get("competencies") and ", ".join(q["competencies"]) not in found.get("competencies", []):
            fail(f"{q['id']}: its competencies are not one of the list's values")

    # LibreOffice reads the same values.
    with open(lo_csv, encoding="utf-8", newline="") as f:
        lo = list(csv.reader(f))
    if lo[0] != header:
        fail(f"LibreOffice reads the header as {lo[0]!r}")
    for r, (lo_row, row) in enumerate(zip(lo[1:], rows), start=2):
        for column, lo_value, value in zip(header, lo_row, row):
            want = "" if value is None else str(value)
            if lo_value.replace("\r\n", "\n") != want:
                fail(f"LibreOffice reads row {r} {column} as {lo_value!r}, openpyxl as {want!r}")
    print(f"xlsx: {checked} cells of {len(questions)} questions read back by openpyxl and LibreOffice; "
          f"lists for {', '.join(sorted(found))}; header frozen at {ws.freeze_panes}")


def edit(xlsx):
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Questions"]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    edits = []
    # Three different questions, three different fields, the way a reviewer edits.
    r = 2
    cell = ws.cell(row=r, column=col["text"])
    cell.value = "=A formula-looking text that stays text?"
    cell.data_type = "s"  # as Excel stores a text typed with a leading '
    edits.append({"id": ws.cell(row=r, column=1).value, "field": "text", "value": "=A formula-looking text that stays text?"})
    r = 3
    ws.cell(row=r, column=col["levels"]).value = "senior, staff"
    edits.append({"id": ws.cell(row=r, column=1).value, "field": "levels", "value": ["senior", "staff"]})
    r = 4
    old = ws.cell(row=r, column=col["follow_ups"]).value or ""
    new = (old + "\n" if old else "") + "And what would you do differently?"
    ws.cell(row=r, column=col["follow_ups"]).value = new
    edits.append({"id": ws.cell(row=r, column=1).value, "field": "follow_ups", "value": new.split("\n")})
    wb.save(xlsx)
    json.dump(edits, sys.stdout)


def compare(before_json, after_json, edits_json):
    before = {q["id"]: q for q in json.load(open(before_json, encoding="utf-8"))["questions"]}
    after = {q["id"]: q for q in json.load(open(after_json, encoding="utf-8"))["questions"]}
    edits = json.load(open(edits_json, encoding="utf-8"))
    if before.keys() != after.keys():
        fail("the import added or removed questions")
    expected = {(e["id"], e["field"]): e["value"] for e in edits}
    changed = []
    for qid, q in before.items():
        for key in set(q) | set(after[qid]):
            if q.get(key) != after[qid].get(key):
                changed.append((qid, key))
    if sorted(changed) != sorted(expected):
        fail(f"the import changed {sorted(changed)}, the edits were {sorted(expected)}")
    for (qid, key), value in expected.items():
        if after[qid][key] != value:
            fail(f"{qid} {key}: imported as {after[qid][key]!r}, edited to {value!r}")
    print(f"xlsx round trip: exactly the {len(edits)} edited cells changed")


if __name__ == "__main__":
    {"read": read, "edit": edit, "compare": compare}[sys.argv[1]](*sys.argv[2:])
