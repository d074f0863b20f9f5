#!/usr/bin/env bash
# The project's one test command (README): lint, type check, the product's unit + component +
# integration tests, the simulator's own tests (sim-unit, sim-integration), the contract tests
# (the simulator against responses recorded from a real Rancher), then the browser end-to-end
# suite against the real dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== lint (@rancher/shell's ESLint config, eslint.config.mjs; no warnings allowed)"
npm run --silent lint

echo "== type check (the extension's TypeScript; simulator, CLI, scripts, bench, tests)"
npx tsc -p tsconfig.pkg.json
npx tsc -p tsconfig.sim.json

echo "== recordings of a real Rancher for the contract tests (@rancher/cypress blueprints)"
npx tsx scripts/fetch-rancher-recordings.ts

echo "== unit, component, integration, simulator and contract tests"
# --forceExit: a leaked handle in one test file must not hang CI until its time limit.
npx jest --ci --forceExit --selectProjects unit components integration sim-unit sim-integration contract "$@"

if [ "${SKIP_E2E:-}" != "1" ] && [ -d tests/e2e ] && ls tests/e2e/*.test.ts >/dev/null 2>&1; then
  echo "== browser end-to-end tests"
  bash scripts/ensure-chromium.sh
  npx tsx scripts/build-for-e2e.ts
  npx jest --ci --forceExit --selectProjects e2e --runInBand
fi
