#!/usr/bin/env bash
# Build a small spec repository from bundled revisions and show specdiff's semantic diff.
# Usage: bash examples/demo.sh [SPECDIFF]   (default: .venv/bin/specdiff, else specdiff on PATH)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
specdiff="${1:-$here/.venv/bin/specdiff}"
[ -x "$specdiff" ] || specdiff="$(command -v specdiff)"
demo="$(mktemp -d)"
trap 'rm -rf "$demo"' EXIT
export GIT_AUTHOR_NAME=Analyst GIT_AUTHOR_EMAIL=analyst@example.com
export GIT_COMMITTER_NAME=Analyst GIT_COMMITTER_EMAIL=analyst@example.com
cd "$demo"
git init -q -b main
mkdir specs
cp "$here/specs/5258MP.json" specs/
git add specs && git commit -q -m "5258MP as approved 04/22/2022"
cp "$here/examples/5258MP.revised.json" specs/5258MP.json
git add specs && git commit -q -m "Revise 5258MP: minimum qualifications, duties, salary group"
echo "\$ specdiff diff HEAD~1 HEAD"
NO_COLOR=1 "$specdiff" diff HEAD~1 HEAD
