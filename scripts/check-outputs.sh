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
  lo_profile="-env:UserInstallation=file://$out/lo-profile"
  for kit in $kits; do
    for edition in interviewer candidate; do
      name="$kit-$edition"
      "$qbank" kit build "$kit" --format docx --edition "$edition" --candidate "Ada Lovelace" \
        --out "$out/$name.docx"
      (cd "$out" && soffice "$lo_profile" --headless --convert-to pdf "$name.docx" >/dev/null 2>&1) \
        || fail "$name.docx: LibreOffice could not convert it"
      [ -s "$out/$name.pdf" ] || fail "$name.docx: LibreOffice produced no PDF"
      pdftotext -layout "$out/$name.pdf" "$out/text.txt"
      # Every question of the kit is in LibreOffice's rendering, and every page has its footer.
      "$qbank" kit show "$kit" --format json \
        | python3 -c '
import json, re, sys
kit = json.load(sys.stdin)
text = open(sys.argv[1], encoding="utf-8").read()
flat = re.sub(r"\s+", "", text)
missing = [q["id"] for q in kit["questions"] if re.sub(r"\s+", "", q["text"]) not in flat]
if missing:
    sys.exit(f"{sys.argv[2]}: questions missing from LibreOffice rendering: {missing}")
pages = text.count("\f") + (not text.endswith("\f"))
numbered = len(re.findall(r"page \d+ of \d+", text))
if numbered < pages:
    sys.exit(f"{sys.argv[2]}: {numbered} page numbers on {pages} pages")
' "$out/text.txt" "$name.docx"
      python3 - "$out/$name.docx" <<'PY'
import sys, docx
d = docx.Document(sys.argv[1])
headings = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))]
if not any(s == "Heading 1" for s, _ in headings):
    sys.exit(f"{sys.argv[1]}: no Heading 1 paragraphs: {headings[:5]}")
if not any(s == "Title" for s, _ in headings):
    sys.exit(f"{sys.argv[1]}: no Title paragraph")
print(f"docx: {sys.argv[1].rsplit('/', 1)[-1]}: {len(headings)} headings by style, e.g. {headings[1]}")
PY
    done
  done
  "$qbank" kit build mlops-engineer --format docx --out "$out/a.docx"
  "$qbank" kit build mlops-engineer --format docx --out "$out/b.docx"
  cmp -s "$out/a.docx" "$out/b.docx" || fail "two DOCX builds of the same kit differ"
  echo "docx: reproducible"
fi

# Loops: every interviewer's kit and the debrief sheet, as PDF and as DOCX.
pdf_ok() {
  qpdf --check "$1" >/dev/null || fail "$1: qpdf --check failed"
  if pdffonts "$1" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit !bad }'; then
    pdffonts "$1"; fail "$1: a font is not embedded"
  fi
}
# Every question of each interview is in its kit's text, and the debrief names every interview
# and every competency of the loop.
loop_text_ok() { # loop dir ext
  "$qbank" loop show "$1" --format json >"$out/loop.json"
  python3 - "$out/loop.json" "$2" "$3" <<'PY'
import json, re, subprocess, sys
loop = json.load(open(sys.argv[1], encoding="utf-8"))
folder, ext = sys.argv[2], sys.argv[3]
suffix = "pdf" if ext == "pdf" else "txt"
def text(path, layout=True):
    # The debrief's interviews are table cells that wrap beside other columns: read it in
    # reading order rather than as laid out, or a wrapped title interleaves with its neighbours.
    if ext == "pdf":
        mode = ["-layout"] if layout else []
        return subprocess.run(["pdftotext", *mode, path, "-"], check=True,
                              capture_output=True, text=True).stdout
    return open(path, encoding="utf-8-sig").read()
def flat(t):
    return re.sub(r"\s+", "", t).replace("\u00ad", "")
for i in loop["interviews"]:
    body = flat(text(f"{folder}/{i['number']}-{i['kit']}.{suffix}"))
    missing = [q["id"] for q in i["questions"] if flat(q["text"]) not in body]
    if missing:
        sys.exit(f"{folder}: interview {i['number']}: questions missing: {missing}")
debrief = flat(text(f"{folder}/debrief.{suffix}", layout=False))
for i in loop["interviews"]:
    if flat(i["title"]) not in debrief:
        sys.exit(f"{folder}: the debrief does not name interview {i['title']!r}")
PY
}
loops=$(ls questions/loops/*.yaml 2>/dev/null | xargs -r -n1 basename | sed 's/\.yaml$//')
for loop in $loops; do
  dir="$out/loop-$loop"
  "$qbank" loop build "$loop" --candidate "Ada Lovelace" --out "$dir" 2>/dev/null
  for pdf in "$dir"/*.pdf; do pdf_ok "$pdf"; done
  loop_text_ok "$loop" "$dir" pdf
  pdftoppm -png -r 50 -f 1 -l 1 "$dir/debrief.pdf" "$dir/debrief-page" || fail "$loop: the debrief did not render"
  "$qbank" loop build "$loop" --candidate "Ada Lovelace" --out "$dir-again" 2>/dev/null
  for f in "$dir"/*.pdf; do
    cmp -s "$f" "$dir-again/$(basename "$f")" || fail "$loop: two builds of $(basename "$f") differ"
  done
  if command -v soffice >/dev/null; then
    "$qbank" loop build "$loop" --format docx --candidate "Ada Lovelace" --out "$dir-docx" 2>/dev/null
    (cd "$dir-docx" && for d in *.docx; do
      soffice "-env:UserInstallation=file://$out/lo-profile" --headless --convert-to txt:Text "$d" >/dev/null 2>&1 \
        || fail "$loop/$d: LibreOffice could not open it"
    done)
    loop_text_ok "$loop" "$dir-docx" docx
  fi
  echo "loop: $loop ok ($(ls "$dir"/*.pdf | wc -l) PDFs: qpdf, pdffonts, pdftotext, reproducible; DOCX through LibreOffice)"
done
# A screen in the compact layout: two or three questions to a page, so the phone screen's four
# fit three pages on A4 and on Letter; every question printed; the same bytes twice.
for paper in a4 letter; do
  pdf="$out/compact-$paper.pdf"
  "$qbank" kit build phone-screen --layout compact --paper "$paper" --out "$pdf" 2>/dev/null
  pdf_ok "$pdf"
  pages=$(pdfinfo "$pdf" | awk '/^Pages/ { print $2 }')
  [ "$pages" -le 3 ] || fail "$pdf: the compact phone screen takes $pages pages (at most 3)"
  pdftotext "$pdf" "$out/compact.txt"
  "$qbank" kit show phone-screen --format json | python3 -c '
import json, re, sys
kit = json.load(sys.stdin)
text = re.sub(r"\s+", "", open(sys.argv[1], encoding="utf-8").read()).replace("\u00ad", "")
missing = [q["id"] for q in kit["questions"] if re.sub(r"\s+", "", q["text"]) not in text]
if missing:
    sys.exit(f"{sys.argv[2]}: questions missing from pdftotext output: {missing}")
' "$out/compact.txt" "$pdf"
  pdftoppm -png -r 50 -f 1 -l 1 "$pdf" "$out/compact-$paper-page" || fail "$pdf: page 1 did not render"
  "$qbank" kit build phone-screen --layout compact --paper "$paper" --out "$out/compact-again.pdf" 2>/dev/null
  cmp -s "$pdf" "$out/compact-again.pdf" || fail "two compact builds of the phone screen differ"
  echo "pdf: phone-screen --layout compact --paper $paper ok ($pages pages, every question, reproducible)"
done

if [ -x scripts/check-csv-in-spreadsheet.sh ]; then
  QBANK="$qbank" scripts/check-csv-in-spreadsheet.sh
fi
echo "check-outputs: all clients opened every output"
