#!/usr/bin/env bash
# Drives the whole engine pipeline (tests/pipeline.rs: report, counts, ranks, tables, sheets,
# charts, scenarios, catch-up, needed-for, monthly series, next month, export → import → export)
# and the other property tests (tests/properties.rs) with many generated plans of extreme values:
# a million cases each by default. Prints how many cases ran and how long it took.
# Usage: bench/fuzz.sh [cases]   (release build; several hours for a million on 2 cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cases="${1:-1000000}"
start=$(date +%s)
PROPTEST_CASES="$cases" cargo test --release --locked -q --test pipeline --test properties 2>&1 \
  | tee target/fuzz.log | grep -E 'test result|panicked|minimal failing' || true
end=$(date +%s)
if grep -q 'test result: FAILED' target/fuzz.log; then
  echo "fuzz: FAILED (see target/fuzz.log)"
  exit 1
fi
tests=$(grep -hoE 'test result: ok\. [0-9]+ passed' target/fuzz.log | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n }')
echo "fuzz: $cases cases for each of the property tests ($tests tests, of which the fixed ones run once) in $((end - start)) s: no panic, every property held"
