#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): downloads the released qbank binary of the
# action's version for the runner's platform and checks it against the release's SHA256SUMS.
# A checksum that does not match fails the step; a release that is not there (the action used
# at a branch or a commit, a platform without a build) is not an error: the step says so and
# the action's next steps build qbank from source, cached.
#
# Environment: QBANK_ACTION_PATH (the action's checkout), QBANK_INSTALL_DIR (where the binary
# goes), QBANK_VERSION (empty: the action's own version), QBANK_RELEASE_URL (the releases'
# download folder; tests point it at a local one), GITHUB_OUTPUT.
# Outputs: version, installed (`release` or empty), source-key (for the build cache).
set -euo pipefail
action=${QBANK_ACTION_PATH:?}
dest=${QBANK_INSTALL_DIR:?}
out=${GITHUB_OUTPUT:-/dev/null}
version=${QBANK_VERSION:-}
version=${version#v}
if [ -z "$version" ]; then
  version=$(sed -n 's/^version = "\([^"]*\)".*/\1/p' "$action/Cargo.toml" | head -n 1)
fi
base=${QBANK_RELEASE_URL:-https://github.com/qbank-dev/qbank/releases/download}
echo "version=$version" >>"$out"
echo "source-key=$version-$(sha256sum "$action/Cargo.lock" | cut -c 1-16)" >>"$out"

ext=tar.gz
exe=qbank
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-gnu ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-gnu ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  MINGW* | MSYS* | CYGWIN*) target=x86_64-pc-windows-msvc ext=zip exe=qbank.exe ;;
  *) target="" ;;
esac
name="qbank-v$version-$target"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$target" ] \
  || ! curl -fsSL --retry 3 -o "$tmp/$name.$ext" "$base/v$version/$name.$ext" 2>"$tmp/curl.txt" \
  || ! curl -fsSL --retry 3 -o "$tmp/SHA256SUMS" "$base/v$version/SHA256SUMS" 2>>"$tmp/curl.txt"; then
  echo "::notice title=qbank::no released qbank $version for ${target:-$(uname -sm)}; building it from source (cached)"
  echo "installed=" >>"$out"
  exit 0
fi
expected=$(awk -v f="$name.$ext" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
actual=$(sha256sum "$tmp/$name.$ext" | cut -d ' ' -f 1)
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  echo "::error title=qbank::$name.$ext does not match the release's SHA256SUMS (expected ${expected:-nothing}, got $actual)"
  exit 1
fi
if [ "$ext" = zip ]; then
  (cd "$tmp" && unzip -q "$name.$ext")
else
  tar -xzf "$tmp/$name.$ext" -C "$tmp"
fi
mkdir -p "$dest"
install -m 0755 "$tmp/$name/$exe" "$dest/$exe"
echo "installed=release" >>"$out"
echo "qbank $version ($target) installed from the release, SHA-256 $actual"
