"""Checks that a spreadsheet reads qbank's CSV export as the same cells and runs none as a formula.

Usage: check_csv_in_spreadsheet.py EXPORT.csv CONVERTED.xlsx

EXPORT.csv is what `qbank export csv --excel` wrote; CONVERTED.xlsx is what LibreOffice made of
it. Every cell of the workbook must hold the CSV cell's value (text as text, minutes as a number,
a line break inside a cell as a line break) and no cell may be a formula. Exits 1 on any
difference, listing each.
"""

import csv
import datetime
import re
import sys

import openpyxl

# OOXML writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_).
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def shown(value):
    """The text of a cell value, as the CSV would hold it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return str(value)


def main(csv_path, xlsx_path):
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    sheet = openpyxl.load_workbook(xlsx_path).active
    problems = []
    cells = neutralised = 0
    for r, row in enumerate(rows, start=1):
        for c, want in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cells += 1
            if want.lstrip("'").startswith(FORMULA_START) and want.startswith("'"):
                neutralised += 1
            if cell.data_type == "f":
                problems.append(f"{cell.coordinate}: runs as a formula: {cell.value!r}")
                continue
            # A spreadsheet keeps a line break inside a cell as LF.
            want = want.replace("\r\n", "\n").replace("\r", "\n")
            got = shown(cell.value)
            if got != want:
                problems.append(f"{cell.coordinate}: the CSV has {want!r}, the spreadsheet {got!r}")
    width = max(len(row) for row in rows)
    if sheet.max_row != len(rows) or sheet.max_column != width:
        problems.append(
            f"the CSV has {len(rows)} rows and {width} columns, "
            f"the spreadsheet {sheet.max_row} rows and {sheet.max_column} columns"
        )
    for p in problems:
        print(f"{xlsx_path}: {p}")
    if problems:
        print(f"{len(problems)} cells differ")
        return 1
    print(
        f"{cells} cells in {len(rows)} rows read back the same, no formula "
        f"({neutralised} cells neutralised)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
