#!/usr/bin/env bash
# Opens `qbank export html` in headless Chromium (Debian's `chromium`): a screenshot at desktop
# and phone width, a PDF print, and a scripted check (Playwright driving that Chromium) that
# the filters and the search change the visible questions and that no request leaves the page,
# and that every loop lists its interviews with the questions `qbank loop show` draws.
#
#   scripts/check-html.sh [path/to/qbank] [folder for the screenshots]
#   (needs /usr/bin/chromium and python3 with playwright; no browser download)
set -euo pipefail
cd "$(dirname "$0")/.."
qbank=$(realpath "${1:-target/release/qbank}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
shots=${2:-$out/shots}
mkdir -p "$shots"
chromium=(chromium --headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run)

"$qbank" export html questions --out "$out/site" 2>/dev/null
page="file://$out/site/index.html"
"${chromium[@]}" --user-data-dir="$out/c1" --window-size=1280,1600 --screenshot="$shots/desktop.png" "$page" >/dev/null 2>&1
"${chromium[@]}" --user-data-dir="$out/c2" --window-size=390,844 --screenshot="$shots/phone.png" "$page" >/dev/null 2>&1
"${chromium[@]}" --user-data-dir="$out/c3" --no-pdf-header-footer --print-to-pdf="$shots/print.pdf" "$page" >/dev/null 2>&1
for f in desktop.png phone.png print.pdf; do
  [ -s "$shots/$f" ] || { echo "check-html: Chromium made no $f" >&2; exit 1; }
done
pdftotext "$shots/print.pdf" "$out/print.txt"
grep -q "A strong answer shows" "$out/print.txt" \
  || { echo "check-html: the printed page lacks the rubric (folded parts must open in print)" >&2; exit 1; }
grep -q "Loops" "$out/print.txt" \
  || { echo "check-html: the printed page lacks the loops" >&2; exit 1; }
mkdir "$out/loops"
for f in questions/loops/*.yaml; do
  id=$(basename "$f" .yaml)
  "$qbank" loop show "$id" --bank questions --format json >"$out/loops/$id.json" 2>/dev/null
done
python3 scripts/check_html.py "$out/site/index.html" "$out/c4" "$out/loops"
echo "html: ok (screenshots and print in $shots)"
