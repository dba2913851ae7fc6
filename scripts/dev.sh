#!/usr/bin/env bash
# `npm run dev`: serves the interactive demo at http://localhost:5173, installing the npm dependencies
# first when this is a fresh clone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x node_modules/.bin/vite ]; then
  npm ci --no-audit --no-fund
fi
exec node_modules/.bin/vite "$@"
