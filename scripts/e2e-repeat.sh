#!/usr/bin/env bash
# Runs the end-to-end suite N times in a row (default 10) against the release build in dist/ and
# target/dist-faults/ (build them first: scripts/test.sh, or trunk build --release), to show that
# no test races the page. Prints one line per run and a summary; exits non-zero if any run failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-10}"
failed=0
for i in $(seq 1 "$runs"); do
  log="target/e2e-repeat-$i.log"
  if node --test --test-reporter=spec tests/e2e/ >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed=$((failed + 1))
  fi
  echo "run $i: $status ($(grep -oE '^ℹ pass [0-9]+' "$log" | grep -oE '[0-9]+') passed, $(grep -oE '^ℹ fail [0-9]+' "$log" | grep -oE '[0-9]+') failed)"
done
echo "$((runs - failed)) of $runs runs passed"
[ "$failed" -eq 0 ]
