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
