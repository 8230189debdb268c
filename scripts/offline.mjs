#!/usr/bin/env node
// Trunk's post-build hook (Trunk.toml [[hooks]]): finishes a build for offline use and a strict
// Content-Security-Policy. Runs on Trunk's staging folder (TRUNK_STAGING_DIR) or on a folder
// given as the first argument (the end-to-end test rebuilds a changed dist/ copy with it).
//
// 1. The build's id: a hash of every file's path and bytes and of pwa/sw.js, so any change gives
//    a new id.
// 2. sw.js from pwa/sw.js, with the id and the list of every file to cache with its sha384. The
//    browser compares sw.js byte by byte, so a new build is always noticed, and the list is never
//    written by hand.
// 3. index.html: `<meta name="pace-build">` (the page shows the id as its version) and the CSP,
//    which allows the page's inline scripts (Trunk's start-up script, index.html's fix-up of an
//    address without its last "/") by their sha256 and nothing else inline.
// Running it again on its own output gives the same result (it replaces what it wrote).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('offline.mjs: give the build folder (or run it as a Trunk hook)');
  process.exit(2);
}
const template = fileURLToPath(new URL('../pwa/sw.js', import.meta.url));

const GENERATED = new Set(['sw.js']);
const files = readdirSync(dir, { recursive: true })
  .map((f) => String(f))
  .filter((f) => statSync(join(dir, f)).isFile())
  .map((f) => f.split(sep).join('/'))
  .filter((f) => !GENERATED.has(f) && !f.startsWith('.'))
  .sort();

// index.html without what this script adds, so that a second run gives the same id.
const META_BUILD = /\n?\s*<meta name="pace-build"[^>]*>/;
const META_CSP = /\n?\s*<meta http-equiv="Content-Security-Policy"[^>]*>/;
const page = readFileSync(join(dir, 'index.html'), 'utf8').replace(META_BUILD, '').replace(META_CSP, '');

// Each file read once: for the SRI check, the build's id, its sha384 and the total size.
const bytes = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));

// Every subresource hash Trunk wrote must match the file as it ended up: a hash taken while
// another pipeline was writing the same file would leave a page that never starts (the reason
// the app's scripts carry none, index.html). Better a failed build than such a page.
// Addresses start with Trunk's public URL ("./" here; "/tools/pace/" with --public-url).
const base = process.env.TRUNK_PUBLIC_URL || './';
for (const [, href, algorithm, expected] of page.matchAll(/href="([^"]+)"[^>]*integrity="(sha\d+)-([^"]+)"/g)) {
  const file = href.startsWith(base) ? href.slice(base.length) : href.replace(/^\.?\//, '');
  const actual = createHash(algorithm).update(bytes.get(file) ?? readFileSync(join(dir, file))).digest('base64');
  if (actual !== expected) {
    console.error(`offline.mjs: index.html's integrity for ${file} does not match the file`);
    process.exit(1);
  }
}

const hash = createHash('sha256');
// The worker's own code is part of the build: a change to it alone is a new build too.
hash.update(readFileSync(template));
for (const f of files) {
  hash.update(f);
  hash.update('\0');
  hash.update(f === 'index.html' ? Buffer.from(page) : bytes.get(f));
  hash.update('\0');
}
const build = hash.digest('hex').slice(0, 12);

// The page's inline scripts (Trunk's start-up script, index.html's address fix-up), allowed by hash.
const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${inline.join(' ')}`.trim(),
  // Leptos writes some style attributes (bar widths, chart sizes).
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const head = `<meta charset="utf-8" />`;
if (!page.includes(head)) {
  console.error(`offline.mjs: index.html has no ${head} to put the policy after`);
  process.exit(1);
}
const finished = page.replace(
  head,
  `${head}\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />` +
    `\n    <meta name="pace-build" content="${build}" />`,
);
writeFileSync(join(dir, 'index.html'), finished);

// Every file with the sha384 of its bytes as written (the worker fetches each with it as
// `integrity`, so a half-updated server fails the install). `./` is the page itself
// (navigations are answered with it); index.html is cached under it.
const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const cached = files.map((f) =>
  f === 'index.html' ? ['./', sha384(Buffer.from(finished))] : [`./${f}`, sha384(bytes.get(f))],
);
cached.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const worker = readFileSync(template, 'utf8')
  .replace('__PACE_BUILD__', build)
  .replace('__PACE_FILES__', `[\n${cached.map((c) => `  ${JSON.stringify(c)}`).join(',\n')},\n]`);
writeFileSync(join(dir, 'sw.js'), worker);

const total = files.reduce((n, f) => n + bytes.get(f).length, 0);
console.log(
  `offline.mjs: build ${build}, ${cached.length} files (${(total / 1024).toFixed(0)} kB) cached by sw.js; ` +
    `CSP allows ${inline.length} inline script(s) by hash (${relative(process.cwd(), dir) || '.'})`,
);
