#!/usr/bin/env bash
# Installs everything from nothing: pinned pnpm, the frozen lockfile, and builds the packages.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=12.4.2
if ! command -v pnpm >/dev/null || [ "$(pnpm -v 2>/dev/null)" != "$PNPM_VERSION" ]; then
  npm i -g -E "pnpm@$PNPM_VERSION" >/dev/null
fi
# Dev dependencies are the build tools: install them even when the shell exports NODE_ENV=production.
pnpm install --frozen-lockfile --prod=false
pnpm --filter @msb/shared-types run build
pnpm --filter @msb/bff run build
