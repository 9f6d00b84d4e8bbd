#!/usr/bin/env bash
# Type-checks every package with its tests (tsc --noEmit): the builds skip the specs, and Taro's Babel
# build strips the mini-app's types without checking them.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
check() {
  echo "tsc --noEmit -p $1"
  node_modules/.bin/tsc --noEmit -p "$1" || status=1
}
check packages/shared-types/tsconfig.spec.json
check apps/bff/tsconfig.json
check apps/miniapp/tsconfig.json
check apps/miniapp/e2e/tsconfig.json
exit $status
