#!/usr/bin/env bash
# qbank lint beside check-jsonschema (schema only) and yamllint on the same synthetic banks,
# in one run. Writes a Markdown table to stdout.
#
#   bash bench/lint.sh [SIZES...]        # default: 1000 10000 100000
#
# Needs: hyperfine, GNU time (/usr/bin/time), and `pip install check-jsonschema yamllint`.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<< "${sizes[*]}"
work=${BENCH_DIR:-/tmp/qbank-bench}
mkdir -p "$work"
cargo build --release -q -p qbank-cli -p xtask
qbank=$PWD/target/release/qbank
schema=$PWD/schema/question.schema.json

echo "| questions | tool | wall time (mean ± σ) | peak memory |"
echo "| ---: | --- | ---: | ---: |"
for n in "${sizes[@]}"; do
  bank="$work/bank-$n"
  [ -d "$bank" ] || ./target/release/xtask gen-bank --questions "$n" --seed 1 "$bank" >/dev/null
  list="$work/files-$n.txt"
  find "$bank" -name '*.yaml' ! -name topics.yaml ! -path '*/kits/*' -print0 > "$list"
  runs=10; slow_runs=3
  [ "$n" -ge 100000 ] && { runs=5; slow_runs=1; }
  measure() { # name runs command...
    local name=$1 r=$2; shift 2
    local json="$work/h.json"
    hyperfine --style none --warmup 1 --runs "$r" -i --export-json "$json" -- "$*" >/dev/null 2>&1
    local mean sd
    mean=$(python3 -c "import json;r=json.load(open('$json'))['results'][0];print(f\"{r['mean']:.3f} s ± {r['stddev'] or 0:.3f}\")")
    local mem
    mem=$( { /usr/bin/time -f '%M' bash -c "$* >/dev/null 2>&1" || true; } 2>&1 | tail -1)
    echo "| $n | $name | $mean | $((mem / 1024)) MB |"
  }
  measure "read the files (cat)" "$runs" "xargs -0 cat < $list"
  measure "qbank lint" "$runs" "$qbank lint $bank"
  measure "check-jsonschema (schema only)" "$slow_runs" "xargs -0 check-jsonschema --schemafile $schema < $list"
  measure "yamllint" "$slow_runs" "yamllint -f parsable $bank"
done
