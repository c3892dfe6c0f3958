#!/usr/bin/env bash
# Times `qbank kit build` beside the route a user would take without it: the same content as
# Markdown, pandoc to DOCX, LibreOffice (headless) to PDF. Two workloads: the project's
# 60-minute kit, and a kit of all 5,000 questions of a synthetic bank.
#
#   cargo build --release -p qbank-cli && bench/kits.sh
#
# Needs: hyperfine, pandoc, soffice (libreoffice-writer-nogui), GNU time, python3-yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_setup

# md: the same content as Markdown, made from `qbank kit show --format json` and the question
# files (not timed: a user would have written it by hand).
markdown() { # bank kit out [flags]
  "$qbank" kit show "$2" --bank "$1" --format json "${@:4}" | python3 bench/kit_markdown.py >"$3"
}
lo_route() { # name
  pandoc "$work/$1.md" -o "$work/$1.docx" &&
    soffice "$lo_profile" --headless --convert-to pdf --outdir "$work/lo" "$work/$1.docx" >/dev/null
}
export -f lo_route
export work lo_profile

timed() { # label command...
  /usr/bin/time -v "${@:2}" 2>"$work/time.txt" >/dev/null
  printf '%-22s wall %8s  user %6ss  sys %5ss  max RSS %8d KB\n' "$1" \
    "$(grep 'Elapsed (wall' "$work/time.txt" | awk '{print $NF}')" \
    "$(grep 'User time' "$work/time.txt" | awk '{print $NF}')" \
    "$(grep 'System time' "$work/time.txt" | awk '{print $NF}')" \
    "$(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}')"
}

report_pages() { # name
  printf 'pages: qbank %s, LibreOffice %s; size: qbank %s KB, LibreOffice %s KB\n\n' \
    "$(pdfinfo "$work/$1-qbank.pdf" | awk '/^Pages/ {print $2}')" \
    "$(pdfinfo "$work/lo/$1.pdf" | awk '/^Pages/ {print $2}')" \
    "$(($(stat -c %s "$work/$1-qbank.pdf") / 1024))" \
    "$(($(stat -c %s "$work/lo/$1.pdf") / 1024))"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The 60-minute kit: both routes under hyperfine, side by side.
markdown questions mlops-engineer "$work/kit60.md"
echo "== kit60: the project's mlops-engineer kit, $(grep -c '^## Question' "$work/kit60.md") questions"
hyperfine --shell bash --warmup 1 --runs "${RUNS:-10}" --style basic --export-markdown "$work/kit60.hf.md" \
  -n "qbank kit build" "$qbank kit build mlops-engineer --bank questions --out $work/kit60-qbank.pdf" \
  -n "pandoc + LibreOffice" "lo_route kit60"
cat "$work/kit60.hf.md"
timed "qbank kit build" "$qbank" kit build mlops-engineer --bank questions --out "$work/kit60-qbank.pdf"
timed "pandoc" pandoc "$work/kit60.md" -o "$work/kit60.docx"
timed "soffice --convert-to" soffice "$lo_profile" --headless --convert-to pdf --outdir "$work/lo" "$work/kit60.docx"
report_pages kit60

# 5,000 questions: qbank under hyperfine; the other route once (it takes minutes).
# The synthetic questions come from a few templates, so most are near-duplicates of others:
# the kit of all of them lets them share it.
markdown "$work/bank5k" all "$work/bank5k.md" --allow-near-duplicates
echo "== bank5k: a kit of all $(grep -c '^## Question' "$work/bank5k.md") questions of a synthetic bank"
hyperfine --warmup 1 --runs "${RUNS_5K:-5}" --style basic --export-markdown "$work/bank5k.hf.md" \
  -n "qbank kit build" "$qbank kit build all --allow-near-duplicates --bank $work/bank5k --out $work/bank5k-qbank.pdf"
cat "$work/bank5k.hf.md"
timed "qbank kit build" "$qbank" kit build all --allow-near-duplicates --bank "$work/bank5k" --out "$work/bank5k-qbank.pdf"
timed "pandoc" pandoc "$work/bank5k.md" -o "$work/bank5k.docx"
timed "soffice --convert-to" soffice "$lo_profile" --headless --convert-to pdf --outdir "$work/lo" "$work/bank5k.docx"
report_pages bank5k
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"
