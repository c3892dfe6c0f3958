# Shared by the kit benchmarks (source it from the repository root).

# bench_setup: the release binary as $qbank, a scratch folder $work removed on exit, fixed
# dates for reproducible files, a LibreOffice profile of its own ($lo_profile), and the
# synthetic 5,000-question bank in $work/bank5k.
bench_setup() {
  qbank=$(realpath target/release/qbank)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  export SOURCE_DATE_EPOCH=1767225600
  lo_profile="-env:UserInstallation=file://$work/lo-profile"
  make_bank5k "$work/bank5k"
}

# make_bank5k DIR: a synthetic bank of 5,000 questions in DIR, every question at every level,
# and a kit `all` drawing all of them (50 sections of 100: a section draws at most 100).
make_bank5k() {
  cargo run -q -p xtask -- gen-bank --questions 5000 "$1"
  sed -i 's/^levels: .*/levels: [junior, mid, senior, staff]/' "$1"/*/*.yaml
  {
    printf 'title: Every question\nrole: MLOps Engineer\nlevel: mid\nseed: 1\nsections:\n'
    for i in $(seq 1 50); do printf '  - title: Part %d\n    count: 100\n' "$i"; done
  } >"$1/kits/all.yaml"
}

# For the spreadsheet benchmarks (bench/csv/run.sh, bench/xlsx/run.sh), which set $root.
# sheet_setup N: a scratch folder $work removed on exit, a synthetic bank of N questions in
# $work/bank and a copy in $work/bank-py (one per tool), two empty banks ($work/empty,
# $work/empty-py), and the header of the table the steps print.
sheet_setup() {
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  python3 "$root/bench/csv/make_bank.py" "$1" "$work/bank"
  cp -r "$work/bank" "$work/bank-py"
  mkdir "$work/empty" "$work/empty-py"
  cp "$work/bank/topics.yaml" "$work/empty/"
  cp "$work/bank/topics.yaml" "$work/empty-py/"
  echo "| step | tool | wall time | peak memory |"
  echo "|---|---|---|---|"
}

# measure STEP TOOL COMMAND...: one row of that table, the wall time and peak memory of
# COMMAND (/usr/bin/time -v).
measure() {
  local step=$1 tool=$2
  shift 2
  # Warm the page cache for the files the step reads, so both tools start alike.
  find "$work" -name '*.yaml' -print0 | xargs -0 cat >/dev/null
  /usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/time.txt" || {
    cat "$work/time.txt" >&2
    exit 1
  }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  printf '| %s | %s | %s | %d MiB |\n' "$step" "$tool" "$wall" $((rss / 1024))
}
