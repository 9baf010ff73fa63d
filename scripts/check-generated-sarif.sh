#!/usr/bin/env bash
# Checks the SARIF files the bundled actions wrote during the tests (kept by the
# runner harness) against GitHub's ingestion rules with the SARIF Multitool.
# Run after `npm test`. The multitool is downloaded from the npm registry into a
# temporary folder; if that download fails the check is skipped with a warning
# (a registry outage is not a defect of ours), but any validation error fails.
set -euo pipefail
cd "$(dirname "$0")/.."
samples="node_modules/.cache/devsecops-sarif-samples"
mapfile -t files < <(ls "$samples"/*.sarif 2>/dev/null | sort | head -n "${SARIF_CHECK_MAX_FILES:-25}")
if [ "${#files[@]}" -eq 0 ]; then
  echo "No SARIF samples in $samples: run 'npm test' first." >&2
  exit 1
fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
if ! npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
  "@microsoft/sarif-multitool-linux@${SARIF_MULTITOOL_VERSION:-5.7.0}" >&2; then
  echo "::warning::SARIF Multitool could not be installed from the npm registry; ingestion check skipped." >&2
  exit 0
fi
echo "Validating ${#files[@]} SARIF file(s) written by the bundled actions in the tests."
SARIF_MULTITOOL_DIR="$dir" bash scripts/check-sarif-multitool.sh "${files[@]}"
