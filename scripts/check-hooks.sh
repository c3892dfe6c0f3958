#!/usr/bin/env bash
# Runs the pre-commit hooks of .pre-commit-hooks.yaml the way a user's repository runs them:
# `pre-commit try-repo` on this repository, in a temporary git repository holding a small
# bank. The hooks are `language: python`: pre-commit installs this repository's pyproject.toml,
# which pulls the `qbank` wheel; here pip finds that wheel in WHEEL_DIR instead of PyPI, so
# what runs is the binary the wheel carries, with no Rust toolchain involved.
#   qbank-lint: a question with errors fails the hook; fixed, the hook passes.
#   qbank-fmt:  a file not in the canonical layout fails the hook and is rewritten; the next
#               run passes.
#
# Usage: scripts/check-hooks.sh WHEEL_DIR   (default: target/wheels)
# Needs git and python3; installs pre-commit with pip when it is missing.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
wheels=$(realpath "${1:-$repo/target/wheels}")
ls "$wheels"/qbank-*.whl >/dev/null 2>&1 || { echo "check-hooks: no qbank wheel in $wheels; build it first" >&2; exit 2; }

if ! python3 -m pre_commit --version >/dev/null 2>&1; then
  python3 -m pip install -q --disable-pip-version-check pre-commit
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home"
# pip, inside the hook environment pre-commit makes, takes the wheel from here.
export PIP_FIND_LINKS="$wheels"
# No cargo or rustc on the PATH: the hooks must not need them.
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/\.cargo/bin$' | paste -sd: -)
export PATH
if command -v cargo >/dev/null 2>&1; then echo "check-hooks: cargo is still on the PATH" >&2; exit 2; fi

failures=0
passed=0
pass() { printf 'ok    %s\n' "$*"; passed=$((passed + 1)); }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }

# Runs a hook on every file of the test repository; prints its output on failure to explain.
hook() {
  local id=$1
  (cd "$work/project" && python3 -m pre_commit try-repo "$repo" "$id" --all-files --color never) \
    >"$work/out.txt" 2>&1
}
expect_fail() {
  if hook "$1"; then fail "$2 (the hook passed)"; sed 's/^/      /' "$work/out.txt"; else pass "$2"; fi
}
expect_pass() {
  if hook "$1"; then pass "$2"; else fail "$2"; sed 's/^/      /' "$work/out.txt"; fi
}
output_has() {
  if grep -qF -- "$1" "$work/out.txt"; then pass "$2"; else fail "$2"; sed 's/^/      /' "$work/out.txt"; fi
}

# The repository of a team that keeps its bank in questions/.
mkdir -p "$work/project/questions/deployment"
cd "$work/project"
git init -q
git config user.name qbank
git config user.email qbank@example.com
git config commit.gpgsign false
cat > questions/topics.yaml <<'EOF'
# yaml-language-server: $schema=../schema/topics.schema.json
topics:
  - id: deployment
    title: Deployment
EOF
# A topic that topics.yaml does not list.
cat > questions/deployment/canary.yaml <<'EOF'
# yaml-language-server: $schema=../../schema/question.schema.json
id: canary
text: What is a canary release, and when would you use one?
topic: deploy
levels: [mid]
kind: concept
EOF
git add -A

expect_fail qbank-lint "qbank-lint fails on a question with errors"
output_has "unknown-topic" "qbank-lint names the unknown topic"
output_has "questions/deployment/canary.yaml:4:8" "qbank-lint points at the file and line"

cat > questions/deployment/canary.yaml <<'EOF'
# yaml-language-server: $schema=../../schema/question.schema.json
id: canary
text: What is a canary release, and when would you use one?
topic: deployment
levels: [mid]
kind: concept
EOF
git add -A
expect_pass qbank-lint "qbank-lint passes once the question is fixed"

# Laid out by hand: keys out of order, a block list, no schema line; the comment must stay.
cat > questions/deployment/canary.yaml <<'EOF'
kind: concept
# asked in every phone screen
id: canary
levels:
  - mid
topic: deployment
text: "What is a canary release, and when would you use one?"
EOF
git add -A
expect_fail qbank-fmt "qbank-fmt fails on a file not in the canonical layout"
output_has "files were modified by this hook" "qbank-fmt rewrites the file"
expected='# yaml-language-server: $schema=../../schema/question.schema.json
# asked in every phone screen
id: canary
text: What is a canary release, and when would you use one?
topic: deployment
levels: [mid]
kind: concept'
if [ "$(cat questions/deployment/canary.yaml)" = "$expected" ]; then
  pass "qbank-fmt leaves the file in the canonical layout, its comment kept"
else
  fail "qbank-fmt leaves the file in the canonical layout, its comment kept"
  diff <(echo "$expected") questions/deployment/canary.yaml | sed 's/^/      /' || true
fi
git add -A
expect_pass qbank-fmt "qbank-fmt passes on the second run"
expect_pass qbank-lint "qbank-lint still passes after formatting"

echo
echo "check-hooks: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
