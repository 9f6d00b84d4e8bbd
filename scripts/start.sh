#!/usr/bin/env bash
# One command from a fresh clone to a running product: installs, builds the BFF and the H5 app,
# migrates, seeds demo data into an empty database, and serves everything on one origin.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/ensure-services.sh
pnpm --filter @msb/miniapp run build:h5
export H5_DIR="${H5_DIR-$PWD/apps/miniapp/dist/h5}"
export UPLOADS_DIR="${UPLOADS_DIR:-$PWD/.data/uploads}"
node apps/bff/dist/seed/seed.cli.js --if-empty
# BFF_PROCESSES=N: N BFF processes on one port plus a separate job-worker process (apps/bff/src/cluster.ts).
exec node apps/bff/dist/cluster.js
