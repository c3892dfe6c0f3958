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
qbank=$(realpath target/release/qbank)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600
lo_profile="-env:UserInstallation=file://$work/lo-profile"

# The synthetic bank: every question at every level, and a kit drawing all of them
# (50 sections of 100: a section draws at most 100).
cargo run -q -p xtask -- gen-bank --questions 5000 "$work/bank5k"
sed -i 's/^levels: .*/levels: [junior, mid, senior, staff]/' "$work"/bank5k/*/*.yaml
{
  printf 'title: Every question\nrole: MLOps Engineer\nlevel: mid\nseed: 1\nsections:\n'
  for i in $(seq 1 50); do printf '  - title: Part %d\n    count: 100\n' "$i"; done
} >"$work/bank5k/kits/all.yaml"

run_case() { # name bank kit
  local name=$1 bank=$2 kit=$3
  "$qbank" kit show "$kit" --bank "$bank" --format json | python3 bench/kit_markdown.py >"$work/$name.md"
  echo "== $name: $(grep -c '^## Question' "$work/$name.md") questions"
  hyperfine --warmup "${WARMUP:-1}" --runs "${RUNS:-10}" --style basic \
    --export-markdown "$work/$name-hyperfine.md" \
    -n "qbank kit build" "$qbank kit build $kit --bank $bank --out $work/$name-qbank.pdf" \
    -n "pandoc + LibreOffice" "pandoc $work/$name.md -o $work/$name.docx && soffice $lo_profile --headless --convert-to pdf --outdir $work/lo $work/$name.docx"
  cat "$work/$name-hyperfine.md"
  for cmd in "$qbank kit build $kit --bank $bank --out $work/$name-qbank.pdf" \
             "pandoc $work/$name.md -o $work/$name.docx" \
             "soffice $lo_profile --headless --convert-to pdf --outdir $work/lo $work/$name.docx"; do
    /usr/bin/time -v $cmd 2>"$work/time.txt" >/dev/null
    printf '%-16s max RSS %6d KB, wall %s\n' "$(echo "$cmd" | cut -d' ' -f1 | xargs basename)" \
      "$(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}')" \
      "$(grep 'Elapsed (wall' "$work/time.txt" | awk '{print $NF}')"
  done
  printf 'pages: qbank %s, LibreOffice %s; size: qbank %s KB, LibreOffice %s KB\n\n' \
    "$(pdfinfo "$work/$name-qbank.pdf" | awk '/^Pages/ {print $2}')" \
    "$(pdfinfo "$work/lo/$name.pdf" | awk '/^Pages/ {print $2}')" \
    "$(( $(stat -c %s "$work/$name-qbank.pdf") / 1024 ))" \
    "$(( $(stat -c %s "$work/lo/$name.pdf") / 1024 ))"
}

run_case kit60 questions mlops-engineer
WARMUP=0 RUNS=${RUNS_5K:-3} run_case bank5k "$work/bank5k" all
