#!/usr/bin/env bash
# Sets up and runs every test: unit, integration (real MariaDB + Redis), and end-to-end (H5 build in
# headless Chromium). Ends with one line: `tests: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
fail() { echo "$1"; echo "tests: 0 passed, 1 failed"; exit 1; }
bash scripts/setup.sh || fail "setup failed"
bash scripts/typecheck.sh || fail "type errors (scripts/typecheck.sh)"
node scripts/depcheck.mjs || fail "import rules broken (.dependency-cruiser.cjs)"
bash scripts/ensure-services.sh || fail "MariaDB/Redis unavailable"
rm -rf test-results && mkdir -p test-results
# The mini-program builds for both platforms; WeChat refuses a main package over 2 MB and we hold it
# to 1.5 MB. The end-to-end tests then drive this H5 build.
pnpm --filter @msb/miniapp run build:weapp >test-results/build-weapp.log 2>&1 || { tail -n 40 test-results/build-weapp.log; fail "mini-program weapp build failed"; }
pnpm --filter @msb/miniapp run check:size || fail "mini-program main package over the limit"
pnpm --filter @msb/miniapp run build:h5 >test-results/build-h5.log 2>&1 || { tail -n 40 test-results/build-h5.log; fail "mini-program h5 build failed"; }
# Jest's own default, whatever the shell exports (the specs set up each process's environment themselves).
NODE_ENV=test NODE_OPTIONS=--experimental-vm-modules npx jest --ci --maxWorkers=2 --json --outputFile=test-results/jest.json "$@"
status=$?
node -e '
  const r = require("./test-results/jest.json");
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`tests: ${r.numPassedTests} passed, ${failed} failed`);
  process.exit(failed > 0 || r.numTotalTests === 0 ? 1 : 0);
' || status=1
exit $status
