#!/usr/bin/env node
// Trunk's first post-build hook (Trunk.toml [[hooks]]): cuts the page's wasm into a main module
// and one module per panel loaded on demand (src/ui/on_demand.rs), and puts them in place of
// the single wasm Trunk made.
//
// Trunk cannot do this itself: the cut must come between cargo and wasm-bindgen. So this hook
// takes cargo's own output (target/wasm32-unknown-unknown/<profile>/pace.wasm, linked with
// --emit-relocs by build.rs) and runs, as cargo-leptos does for `--split`:
//   1. wasm-split-cli: pace.wasm -> main pace.wasm, split_<panel>.wasm, chunk_<n>.wasm (code
//      shared by several panels) and __wasm_split.js, which fetches them;
//   2. wasm-bindgen (the version Trunk uses) on the main module, keeping the exports the panels
//      link to;
//   3. wasm-opt -Oz on every module (release builds; index.html turns Trunk's own pass off).
// Every file is then named pace-<hash>… after a hash of all of them, Trunk's pace-<hash>.js and
// _bg.wasm are removed, and index.html points at the new names. scripts/offline.mjs runs next
// and lists every file for the service worker.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('split.mjs: run it as a Trunk hook (TRUNK_STAGING_DIR is not set)');
  process.exit(2);
}
const release = process.env.TRUNK_PROFILE === 'release';

/** Stops the build with `message` (thrown, so that the temporary folder is still removed). */
class Failure extends Error {}
const fail = (message) => {
  throw new Failure(`split.mjs: ${message}`);
};

/** Runs a tool, failing the build with its output when it fails. */
function run(tool, args) {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return fail(`${tool} failed\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

// The tools must be the pinned ones: Trunk checks its own pins only for the wasm it optimises,
// and this script, not Trunk, optimises the page's modules.
const trunkToml = readFileSync(new URL('../Trunk.toml', import.meta.url), 'utf8');
const pinnedBindgen = /^wasm_bindgen = "([^"]+)"/m.exec(trunkToml)?.[1];
const pinnedOpt = /^wasm_opt = "version_(\d+)"/m.exec(trunkToml)?.[1];

const { target_directory: targetDir } = JSON.parse(
  run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline']),
);
const raw = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'pace.wasm');
const work = mkdtempSync(join(tmpdir(), 'pace-split-'));
const cut = join(work, 'cut');
const bound = join(work, 'bound');

try {
  const bindgenVersion = run('wasm-bindgen', ['--version']).trim();
  if (bindgenVersion !== `wasm-bindgen ${pinnedBindgen}`) {
    fail(`${bindgenVersion} is not Trunk.toml's wasm_bindgen ${pinnedBindgen}`);
  }
  const optVersion = run('wasm-opt', ['--version']);
  if (release && !optVersion.includes(`version ${pinnedOpt}`)) {
    fail(`${optVersion.trim()} is not Trunk.toml's wasm_opt version_${pinnedOpt}`);
  }
  run('wasm-split-cli', [raw, cut, '--target', 'web', '--out-name', 'pace']);
  run('wasm-bindgen', [
    join(cut, 'pace.wasm'),
    '--out-dir', bound,
    '--out-name', 'pace',
    '--target', 'web',
    '--no-typescript',
    '--keep-lld-exports',
    '--no-demangle',
  ]);

  // Every module as shipped: the main one from wasm-bindgen, the panels' from wasm-split.
  const modules = new Map([['pace_bg.wasm', join(bound, 'pace_bg.wasm')]]);
  for (const f of readdirSync(cut)) {
    if (f.endsWith('.wasm') && f !== 'pace.wasm') modules.set(f, join(cut, f));
  }
  if (modules.size === 1) fail('the wasm has no split point (is the `split` feature off?)');
  const bytes = new Map();
  for (const [name, path] of modules) {
    if (release) {
      const out = join(work, `opt-${name}`);
      // PACE_WASM_NAMES=1 keeps the functions' names, for profiling (a larger file; never shipped).
      run('wasm-opt', ['-Oz', ...(process.env.PACE_WASM_NAMES === '1' ? ['-g'] : []), path, '-o', out]);
      bytes.set(name, readFileSync(out));
    } else {
      bytes.set(name, readFileSync(path));
    }
  }
  let mainJs = readFileSync(join(bound, 'pace.js'), 'utf8');
  let loaderJs = readFileSync(join(cut, '__wasm_split.js'), 'utf8');

  // One hash over everything names every file of this build.
  const digest = createHash('sha256');
  for (const name of [...bytes.keys()].sort()) digest.update(name).update(bytes.get(name));
  // This script too: how it rewrites the files is part of what they are.
  digest.update(mainJs).update(loaderJs).update(readFileSync(new URL(import.meta.url)));
  const id = digest.digest('hex').slice(0, 16);
  const named = (name) => (name === 'pace_bg.wasm' ? `pace-${id}_bg.wasm` : `pace-${id}_${name}`);
  const mainName = `pace-${id}.js`;
  const loaderName = `pace-${id}_split.js`;

  const replaceAll = (text, from, to) => {
    if (!text.includes(from)) fail(`expected ${from} in the generated JavaScript`);
    return text.split(from).join(to);
  };
  // Only the import statements: the wasm's imports keep naming the module "./__wasm_split.js".
  mainJs = replaceAll(mainJs, 'from "./__wasm_split.js"', `from "./${loaderName}"`);
  loaderJs = replaceAll(loaderJs, '"./pace.js"', `"./${mainName}"`);
  for (const name of bytes.keys()) {
    if (name !== 'pace_bg.wasm') loaderJs = replaceAll(loaderJs, `"./${name}"`, `"./${named(name)}"`);
  }
  // A module the server never finishes sending fails after a minute (the part then offers
  // 重试) instead of leaving 正在载入… for good; browsers without AbortSignal.timeout wait.
  const FETCH = /fetch\((new URL\("[^"]+", import\.meta\.url\))\)/g;
  if (!FETCH.test(loaderJs)) fail('no fetch(new URL(…)) in the loader to give a timeout');
  loaderJs = loaderJs.replace(FETCH, 'fetch($1, { signal: AbortSignal.timeout?.(60000) })');
  // A server that sends .wasm without `application/wasm` still works, as the main module does
  // (wasm-bindgen's own fallback): compiled from the bytes instead of streamed.
  loaderJs = replaceAll(
    loaderJs,
    'WebAssembly.instantiateStreaming(src, imports)',
    'paceInstantiate(src, imports)',
  );
  loaderJs += `
async function paceInstantiate(src, imports) {
    const response = await src;
    if (!response.ok) throw new Error(\`\${response.url}: \${response.status}\`);
    if ((response.headers.get('Content-Type') ?? '').startsWith('application/wasm')) {
        return WebAssembly.instantiateStreaming(response, imports);
    }
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`;

  // Out with Trunk's single module, in with ours.
  let page = readFileSync(join(staging, 'index.html'), 'utf8');
  const trunkWasm = page.match(/pace-([0-9a-f]+)_bg\.wasm/);
  if (!trunkWasm) fail('index.html does not load pace-<hash>_bg.wasm');
  // The copied tags below would carry a stale hash (index.html sets data-integrity="none").
  if (/integrity=/.test(page.match(/<link rel="modulepreload" href="[^"]*pace-[0-9a-f]+\.js"[^>]*>/)?.[0] ?? '')) {
    fail('the main script has subresource integrity; split.mjs would leave it stale');
  }
  const trunkId = trunkWasm[1];
  rmSync(join(staging, `pace-${trunkId}.js`));
  rmSync(join(staging, `pace-${trunkId}_bg.wasm`));
  for (const [name, data] of bytes) writeFileSync(join(staging, named(name)), data);
  writeFileSync(join(staging, mainName), mainJs);
  writeFileSync(join(staging, loaderName), loaderJs);
  if (existsSync(join(bound, 'snippets'))) {
    cpSync(join(bound, 'snippets'), join(staging, 'snippets'), { recursive: true });
  }

  page = page.split(`pace-${trunkId}_bg.wasm`).join(`pace-${id}_bg.wasm`);
  page = page.split(`pace-${trunkId}.js`).join(mainName);
  // The loader is imported by the main script: fetched alongside it, not after it.
  const PRELOAD = /(<link rel="modulepreload" href="[^"]*)(pace-[0-9a-f]+\.js)("[^>]*>)/;
  if (!PRELOAD.test(page)) fail('index.html has no modulepreload of the main script');
  page = page.replace(
    PRELOAD,
    (tag, start, _js, end) => `${tag}\n    ${start}${loaderName}${end}`,
  );
  // The main module first: the largest file on the way to the first screen, requested before
  // the stylesheet and scripts rather than after them (requesting each takes 5–10 ms at a 4×
  // slower CPU, and the link is shared either way).
  const WASM_PRELOAD = new RegExp(`\\s*<link rel="preload" href="[^"]*pace-${id}_bg\\.wasm"[^>]*>`);
  const wasmPreload = page.match(WASM_PRELOAD)?.[0];
  if (!wasmPreload) fail('index.html has no preload of the main module');
  page = page.replace(wasmPreload, '');
  const at = page.search(/<link rel="stylesheet"/);
  if (at < 0) fail('index.html has no stylesheet');
  page = `${page.slice(0, at)}${wasmPreload.trim()}\n    ${page.slice(at)}`;
  writeFileSync(join(staging, 'index.html'), page);

  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const lazy = [...bytes].filter(([n]) => n !== 'pace_bg.wasm').reduce((s, [, d]) => s + d.length, 0);
  console.log(
    `split.mjs: main ${kb(bytes.get('pace_bg.wasm').length)}, ${bytes.size - 1} modules on demand ${kb(lazy)} (raw)`,
  );
} catch (e) {
  if (!(e instanceof Failure)) throw e;
  console.error(e.message);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
