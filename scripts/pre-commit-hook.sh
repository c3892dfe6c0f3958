#!/usr/bin/env bash
# Entry point of the pre-commit hooks in .pre-commit-hooks.yaml: builds qbank from this
# repository once (pre-commit keeps the clone, and so the build, between runs), then runs it
# with the hook's arguments in the repository being committed to.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin="${CARGO_TARGET_DIR:-$here/target}/release/qbank"
if [ ! -x "$bin" ] || [ "$here/Cargo.lock" -nt "$bin" ]; then
  cargo build --release --locked --quiet --manifest-path "$here/Cargo.toml" -p qbank-cli >&2
fi
exec "$bin" "$@"
