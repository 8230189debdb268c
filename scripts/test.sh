#!/usr/bin/env bash
# Runs every check Pace has: formatting and lints, the engine's tests, the browser-only tests in
# headless Chromium, the release build with its size budget, and the end-to-end tests against it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# One full run from a clean state gains nothing from incremental caches (1.5 GB on a fresh clone).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -q -- -D warnings

step "cargo test (engine, codecs, property tests)"
cargo test --locked 2>&1 | tee target/native-tests.log

step "wasm-bindgen-test in headless Chromium"
# Without the `split` feature: only Trunk's build is cut into modules (scripts/split.mjs); a test
# binary with split points would import loaders that nothing provides.
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown --test web --no-default-features 2>&1 | tee target/web-tests.log

step "release build (trunk build --release)"
trunk build --release

step "release build with fault injection, for the crash-screen tests (target/dist-faults)"
# The same app with one test-only trigger (a start that panics on purpose): the shipped dist/
# never contains it.
trunk build --release --features fault-injection --dist target/dist-faults

step "size of the release build"
node scripts/size.mjs

step "end-to-end tests (Playwright, headless Chromium, release build)"
node --test --test-reporter=spec tests/e2e/ 2>&1 | tee target/e2e-tests.log

# One closing line over all layers.
passed=$(grep -hoE 'test result: ok\. [0-9]+ passed|^ℹ pass [0-9]+' \
  target/native-tests.log target/web-tests.log target/e2e-tests.log \
  | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')
echo
echo "$passed passed, 0 failed"
