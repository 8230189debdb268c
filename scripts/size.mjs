#!/usr/bin/env node
// Prints the release build's size (wasm and js, raw and brotli) and fails when a budget in
// size-budget.json is exceeded. Size does not flicker, so it is checked, not just reported.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const budget = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8'));

const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

const totals = { raw: 0, brotli: 0 };
let failed = false;
for (const ext of ['wasm', 'js']) {
  // Recursive: wasm-bindgen's snippets (dist/snippets/…/*.js) are part of the page too.
  const files = readdirSync(dist, { recursive: true }).filter((f) => f.endsWith(`.${ext}`));
  if (files.length === 0) {
    console.error(`size: no .${ext} file in dist/ (run the release build first)`);
    process.exit(1);
  }
  let raw = 0;
  let compressed = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    compressed += brotli(bytes);
  }
  totals.raw += raw;
  totals.brotli += compressed;
  const limit = budget[`${ext}BrotliBytes`];
  const verdict = compressed <= limit ? 'ok' : 'OVER BUDGET';
  if (compressed > limit) failed = true;
  console.log(
    `size: ${ext.padEnd(4)} raw ${kb(raw).padStart(9)}  brotli ${kb(compressed).padStart(9)}  ` +
      `(budget ${kb(limit)}: ${verdict})`,
  );
}
console.log(`size: all  raw ${kb(totals.raw).padStart(9)}  brotli ${kb(totals.brotli).padStart(9)}`);
process.exit(failed ? 1 : 0);
