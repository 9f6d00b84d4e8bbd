#!/usr/bin/env bash
# Sets up and runs every test: unit, integration (real MariaDB + Redis), and end-to-end (H5 build in
# headless Chromium). Ends with one line: `tests: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
fail() { echo "$1"; echo "tests: 0 passed, 1 failed"; exit 1; }
bash scripts/setup.sh || fail "setup failed"
bash scripts/ensure-services.sh || fail "MariaDB/Redis unavailable"
rm -rf test-results && mkdir -p test-results
NODE_OPTIONS=--experimental-vm-modules npx jest --ci --maxWorkers=2 --json --outputFile=test-results/jest.json "$@"
status=$?
node -e '
  const r = require("./test-results/jest.json");
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`tests: ${r.numPassedTests} passed, ${failed} failed`);
  process.exit(failed > 0 || r.numTotalTests === 0 ? 1 : 0);
' || status=1
exit $status
