#!/usr/bin/env node
// Prints the release build's size (wasm and js, raw and brotli) and fails when a budget in
// size-budget.json is exceeded. Size does not flicker, so it is checked, not just reported.
//
// Four parts are counted apart: the main bundle, which every visit loads (the budgets
// `wasmBrotliBytes` and `jsBrotliBytes` apply to it); the panels loaded on demand
// (pace-<id>_split_<panel>.wasm and the code they share, pace-<id>_chunk_<n>.wasm:
// scripts/split.mjs), fetched after the first frame (`panelsBrotliBytes`); the spreadsheet reader (sheets.js,
// sheets_bg.wasm, sheets_loader.js: src/bin/sheets.rs), loaded only when an .xlsx is opened
// (its own budget `sheetsBrotliBytes`, wasm and js together); and the spreadsheet writer
// (sheets_out…: src/bin/sheets_out.rs), loaded only when the 通报表 is exported as .xlsx
// (`sheetsOutBrotliBytes`).
//
// `node scripts/size.mjs [dist]` measures another build's folder (dist/ unless given), to compare.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');
const budget = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8'));

const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

// Recursive: wasm-bindgen's snippets (dist/snippets/…/*.js) are part of the page too.
const all = readdirSync(dist, { recursive: true });
const isWorker = (name) => (f) => new RegExp(`^${name}(_bg\\.wasm|\\.js|_loader\\.js)$`).test(basename(f));
const workers = [
  ['sheets', 'sheetsBrotliBytes'],
  ['sheets_out', 'sheetsOutBrotliBytes'],
];
const inWorker = (f) => workers.some(([name]) => isWorker(name)(f));
const onDemand = (f) => /^pace-[0-9a-f]+_(split_.+|chunk_\d+)\.wasm$/.test(basename(f));
// The service worker (sw.js) is fetched after the app has started, to keep the build for offline
// use; it is counted apart, not in the main bundle.
const isServiceWorker = (f) => basename(f) === 'sw.js';

let failed = false;
/** Sums the raw and brotli sizes of `files`; prints a line; checks `limit` when given. */
function report(label, files, limit) {
  let raw = 0;
  let compressed = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    compressed += brotli(bytes);
  }
  let verdict = '';
  if (limit !== undefined) {
    verdict = `  (budget ${kb(limit)}: ${compressed <= limit ? 'ok' : 'OVER BUDGET'})`;
    if (compressed > limit) failed = true;
  }
  console.log(`size: ${label.padEnd(12)} raw ${kb(raw).padStart(9)}  brotli ${kb(compressed).padStart(9)}${verdict}`);
  return { raw, compressed };
}

const totals = { raw: 0, brotli: 0 };
for (const ext of ['wasm', 'js']) {
  const files = all.filter(
    (f) => f.endsWith(`.${ext}`) && !inWorker(f) && !isServiceWorker(f) && !onDemand(f),
  );
  if (files.length === 0) {
    console.error(`size: no .${ext} file in dist/ (run the release build first)`);
    process.exit(1);
  }
  const { raw, compressed } = report(`main ${ext}`, files, budget[`${ext}BrotliBytes`]);
  totals.raw += raw;
  totals.brotli += compressed;
}
console.log(`size: ${'main all'.padEnd(12)} raw ${kb(totals.raw).padStart(9)}  brotli ${kb(totals.brotli).padStart(9)}`);

report('sw.js', all.filter(isServiceWorker));

const panels = all.filter(onDemand);
if (panels.length === 0) {
  console.error('size: no panel loaded on demand in dist/ (scripts/split.mjs did not run?)');
  process.exit(1);
}
report('on demand', panels, budget.panelsBrotliBytes);

for (const [name, limit] of workers) {
  const files = all.filter(isWorker(name));
  if (files.length !== 3) {
    console.error(`size: the worker ${name} is not in dist/ (found ${files.join(', ') || 'nothing'})`);
    process.exit(1);
  }
  report(`${name} wasm`, files.filter((f) => f.endsWith('.wasm')));
  report(`${name} js`, files.filter((f) => f.endsWith('.js')));
  report(`${name} all`, files, budget[limit]);
}
process.exit(failed ? 1 : 0);
