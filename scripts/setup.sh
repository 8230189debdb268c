#!/usr/bin/env bash
# Installs everything Pace needs to build and test, skipping what is already there. Downloads
# only from the package registries: crates.io, npm, Debian's apt. Sourced by serve.sh and test.sh
# (or run on its own); it leaves PATH pointing at the installed tools.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# Trunk would otherwise ask the network for a newer release.
export TRUNK_SKIP_VERSION_CHECK=true

TRUNK_VERSION="0.21.14"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: headless Chromium and its driver for the browser tests, a CJK font so that
# screenshots show Chinese, poppler-utils to read the printed PDF (pdftotext, pdftoppm), Node.js
# for Playwright and wasm-opt.
apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || apt_missing+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null || apt_missing+=(poppler-utils)
# LibreOffice Calc without its GUI: the e2e test opens the exported .xlsx in it (soffice
# --headless --convert-to csv) to see the figures another spreadsheet program reads.
command -v soffice >/dev/null || apt_missing+=(libreoffice-calc-nogui)
command -v node >/dev/null || apt_missing+=(nodejs)
command -v npm >/dev/null || apt_missing+=(npm)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "apt: installing ${apt_missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${apt_missing[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo: installing trunk $TRUNK_VERSION (takes 10-20 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock, and
# Trunk.toml must name the same one.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; print }' Cargo.lock | cut -d'"' -f2)"
if ! grep -q "^wasm_bindgen = \"$WB_VERSION\"" Trunk.toml; then
  echo "Trunk.toml's [tools] wasm_bindgen must be \"$WB_VERSION\", the version in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  say "cargo: installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: its lockfile pins a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# npm packages (wasm-opt from binaryen, playwright-core), exactly as package-lock.json pins them.
# wasm-split-cli cuts the page's wasm into the main module and the panels loaded on demand
# (scripts/split.mjs, run by Trunk after each build). Its split-point format must match the
# wasm_split_helpers that Leptos brings (Cargo.lock), so its version is pinned.
WSC_VERSION="0.2.4"
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WSC_VERSION:"; then
  say "cargo: installing wasm-split-cli (wasm_split_cli_support $WSC_VERSION)"
  cargo install wasm_split_cli_support --version "$WSC_VERSION" --locked --features build-binary
fi

LOCK_STAMP="node_modules/.pace-lock-sha256"
LOCK_SUM="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$LOCK_STAMP" 2>/dev/null)" != "$LOCK_SUM" ]; then
  say "npm: installing the packages of package-lock.json"
  npm ci --no-audit --no-fund
  echo "$LOCK_SUM" >"$LOCK_STAMP"
fi

# Crates, so that the builds themselves need no network.
cargo fetch --locked -q
