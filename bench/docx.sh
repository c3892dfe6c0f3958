#!/usr/bin/env bash
# Times `qbank kit build --format docx` beside pandoc building a DOCX from the same content as
# Markdown (bench/kit_markdown.py), in the same run. Two workloads: the project's 60-minute
# kit, and a kit of all 5,000 questions of a synthetic bank (made as in bench/kits.sh).
#
#   cargo build --release -p qbank-cli && bench/docx.sh
#
# Needs: hyperfine, pandoc, GNU time, python3-yaml; soffice (libreoffice-writer-nogui) for the
# page counts.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_setup

echo "qbank $("$qbank" --version | cut -d' ' -f2), $(pandoc --version | head -1), $(hyperfine --version)"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

run_case() { # name bank kit [draw options]
  local name=$1 bank=$2 kit=$3 draw=${4:-}
  "$qbank" kit show "$kit" $draw --bank "$bank" --format json | python3 bench/kit_markdown.py >"$work/$name.md"
  echo "== $name: $(grep -c '^## Question' "$work/$name.md") questions"
  local q="$qbank kit build $kit $draw --bank $bank --format docx --out $work/$name-qbank.docx"
  local p="pandoc $work/$name.md -o $work/$name-pandoc.docx"
  hyperfine --warmup 1 --runs "${RUNS:-10}" --style basic \
    --export-markdown "$work/$name-hyperfine.md" \
    -n "qbank kit build --format docx" "$q" -n "pandoc (Markdown to DOCX)" "$p"
  cat "$work/$name-hyperfine.md"
  for cmd in "$q" "$p"; do
    /usr/bin/time -v $cmd 2>"$work/time.txt" >/dev/null
    printf '%-8s max RSS %7d KB, wall %s\n' "$(echo "$cmd" | cut -d' ' -f1 | xargs basename)" \
      "$(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}')" \
      "$(grep 'Elapsed (wall' "$work/time.txt" | awk '{print $NF}')"
  done
  local pages_q=- pages_p=-
  if [ "${PAGES:-1}" = 1 ]; then
    (cd "$work" && soffice "$lo_profile" --headless --convert-to pdf "$name-qbank.docx" "$name-pandoc.docx" >/dev/null 2>&1)
    pages_q=$(pdfinfo "$work/$name-qbank.pdf" | awk '/^Pages/ {print $2}')
    pages_p=$(pdfinfo "$work/$name-pandoc.pdf" | awk '/^Pages/ {print $2}')
  fi
  printf 'size: qbank %s KB, pandoc %s KB; pages in LibreOffice: qbank %s, pandoc %s\n\n' \
    "$(( $(stat -c %s "$work/$name-qbank.docx") / 1024 ))" \
    "$(( $(stat -c %s "$work/$name-pandoc.docx") / 1024 ))" "$pages_q" "$pages_p"
}

run_case kit60 questions mlops-engineer
# The synthetic bank's templated questions are near duplicates of each other by design.
RUNS=${RUNS_5K:-5} PAGES=${PAGES_5K:-0} run_case bank5k "$work/bank5k" all --allow-near-duplicates
