#!/usr/bin/env bash
# Installs the `qbank` wheel into a fresh virtual environment and runs what a new user runs:
# `qbank --version`, a lint of this repository's bank, a kit, and `qbank init` followed by lint
# and kit build in an empty folder. No Rust toolchain is on the PATH while it runs.
#
#   scripts/check-wheel.sh [WHEEL_DIR]      (default: target/wheels)
set -euo pipefail
cd "$(dirname "$0")/.."
wheels=$(realpath "${1:-target/wheels}")
wheel=$(ls -t "$wheels"/qbank-*.whl | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-wheel: $*" >&2; exit 1; }

case "$(basename "$wheel")" in
  *-py3-none-*.whl) ;;
  *) fail "$(basename "$wheel") is not a py3-none wheel (a binary wheel needs no Python ABI)" ;;
esac
python3 -m venv "$work/venv"
start=$(date +%s%N)
"$work/venv/bin/pip" install -q --disable-pip-version-check --no-index "$wheel"
took=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
repo=$PWD
PATH="$work/venv/bin:$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/\.cargo/bin$' | paste -sd: -)"
export PATH
command -v cargo >/dev/null 2>&1 && fail "cargo is still on the PATH"
[ "$(command -v qbank)" = "$work/venv/bin/qbank" ] || fail "qbank is not the venv's: $(command -v qbank)"

version=$(qbank --version)
[ "$version" = "qbank $(sed -n 's/^version = "\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)" ] \
  || fail "qbank --version says '$version'"
qbank lint "$repo/questions" --deny-warnings >/dev/null || fail "the wheel's qbank does not lint the bank clean"
(cd "$work" && qbank kit build phone-screen --bank "$repo/questions" --out kit.pdf 2>/dev/null)
head -c 5 "$work/kit.pdf" | grep -q '%PDF-' || fail "no PDF kit"
mkdir "$work/new" && cd "$work/new"
qbank init >/dev/null && qbank lint --deny-warnings >/dev/null \
  && qbank kit build example-interview --out kit.pdf 2>/dev/null || fail "init, lint, kit build failed"
echo "wheel: $(basename "$wheel") installed into a fresh venv in $took s; $version; lint, kit, init ok"
