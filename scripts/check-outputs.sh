#!/usr/bin/env bash
# Opens what qbank makes in the clients people use: poppler and qpdf for the PDF kits,
# LibreOffice and python-docx for the DOCX kits, LibreOffice and openpyxl for the CSV.
#
#   scripts/check-outputs.sh [path/to/qbank]
set -euo pipefail
cd "$(dirname "$0")/.."
qbank=$(realpath "${1:-target/release/qbank}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=1767225600   # 2026-01-01, so the kits are reproducible
fail() { echo "check-outputs: $*" >&2; exit 1; }

kits=$(ls questions/kits/*.yaml | xargs -n1 basename | sed 's/\.yaml$//')
for kit in $kits; do
  for paper in a4 letter; do
    for edition in interviewer candidate; do
      pdf="$out/$kit-$paper-$edition.pdf"
      "$qbank" kit build "$kit" --paper "$paper" --edition "$edition" --candidate "Ada Lovelace" \
        --interviewer "Grace Hopper" --out "$pdf"
      qpdf --check "$pdf" >/dev/null || fail "$pdf: qpdf --check failed"
      # Every font embedded: pdffonts prints "yes" in the emb column for each.
      if pdffonts "$pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit !bad }'; then
        pdffonts "$pdf"; fail "$pdf: a font is not embedded"
      fi
      pdftotext -layout "$pdf" "$out/text.txt"
      # Every question of the kit is in the text (compared without whitespace, as lines wrap).
      "$qbank" kit show "$kit" --format json \
        | python3 -c '
import json, re, sys
kit = json.load(sys.stdin)
text = re.sub(r"\s+", "", open(sys.argv[1], encoding="utf-8").read()).replace("\u00ad", "")
missing = [q["id"] for q in kit["questions"] if re.sub(r"\s+", "", q["text"]) not in text]
if missing:
    sys.exit(f"{sys.argv[2]}: questions missing from pdftotext output: {missing}")
' "$out/text.txt" "$pdf"
    done
  done
  pdftoppm -png -r 50 -f 1 -l 1 "$out/$kit-a4-interviewer.pdf" "$out/$kit-page" \
    && [ -s "$out/$kit-page-1.png" ] || ls "$out"/"$kit"-page* >/dev/null || fail "$kit: page 1 did not render"
  echo "pdf: $kit ok (qpdf, pdffonts, pdftotext, pdftoppm; A4 and Letter, both editions)"
done

# Same inputs, same bytes.
"$qbank" kit build mlops-engineer --out "$out/a.pdf"
"$qbank" kit build mlops-engineer --out "$out/b.pdf"
cmp -s "$out/a.pdf" "$out/b.pdf" || fail "two builds of the same kit differ"
echo "pdf: reproducible"

if "$qbank" kit build --help 2>/dev/null | grep -q -- '--format'; then
  for kit in $kits; do
    "$qbank" kit build "$kit" --format docx --out "$out/$kit.docx"
    (cd "$out" && soffice --headless --convert-to pdf "$kit.docx" >/dev/null 2>&1) \
      || fail "$kit.docx: LibreOffice could not convert it"
    [ -s "$out/$kit.pdf" ] || fail "$kit.docx: LibreOffice produced no PDF"
    python3 - "$out/$kit.docx" <<'PY'
import sys, docx
d = docx.Document(sys.argv[1])
headings = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))]
if not any(s == "Heading 1" for s, _ in headings):
    sys.exit(f"{sys.argv[1]}: no Heading 1 paragraphs: {headings[:5]}")
print(f"docx: {sys.argv[1].rsplit('/', 1)[-1]}: {len(headings)} headings by style, e.g. {headings[1]}")
PY
  done
fi

if [ -x scripts/check-csv-in-spreadsheet.sh ]; then
  scripts/check-csv-in-spreadsheet.sh "$qbank"
fi
echo "check-outputs: all clients opened every output"
