// The end-to-end harness: serves the release build in dist/ on a free loopback port and drives
// Debian's Chromium with playwright-core, the way a person uses the page.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { before, after, afterEach } from 'node:test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `root` (dist/ by default) on 127.0.0.1 at a free port; resolves to { url, close }.
 * With `prefix` (e.g. '/tools/pace/') the app is served in that folder only, as on an intranet
 * server that hosts other things too. `setDown(true)` makes it drop every connection. With
 * `also` ([prefix, root] pairs), more folders are served beside it (other copies of the app). With
 * `brotli`, files go out compressed (at brotli's highest quality, as a server that stores them
 * precompressed sends them) to browsers that accept it.
 */
export function serveDist(root = DIST, { prefix = '/', brotli = false, also = [] } = {}) {
  // Folders served beside the app's: [prefix, root] pairs, longest prefix first.
  const mounts = [...also, [prefix, root]].sort(([a], [b]) => b.length - a.length);
  let down = false;
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    // "Down": the connection drops, as when an intranet link fails.
    if (down) {
      req.socket.destroy();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const mount = mounts.find(([p]) => pathname.startsWith(p));
    if (!mount) {
      res.writeHead(404).end('not found');
      return;
    }
    const [at, folder] = mount;
    const path = normalize(`/${pathname.slice(at.length)}`);
    const file = join(folder, path === '/' ? 'index.html' : path);
    if (!file.startsWith(folder)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (brotli && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(file)) compressed.set(file, brotliCompressSync(body));
        headers['content-encoding'] = 'br';
        res.writeHead(200, headers);
        res.end(compressed.get(file));
        return;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        port,
        close: () => server.close(),
        /** Makes the server drop every connection (true) or answer again (false). */
        setDown: (value) => {
          down = value;
          if (value) server.closeAllConnections();
        },
      });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium (with `extraArgs` after the usual ones). */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * Opens the app in a fresh page and waits until it has rendered. Collects console errors and
 * uncaught exceptions in `page.errors` so that tests can assert there were none.
 * Options: `context` opens another tab of an existing context (same storage) instead of a fresh
 * one; `init` is a script (function, with `arg`) run in the page before the app starts.
 */
export async function openApp(
  browser,
  url,
  { viewport = { width: 1366, height: 768 }, context, init, arg } = {},
) {
  context ??= await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  if (init) await page.addInitScript(init, arg);
  page.errors = [];
  // Panics and uncaught errors, whatever the test expects otherwise: `suite()` fails any test
  // that leaves one behind (unless the test set `page.expectsPanic`).
  page.faults = [];
  page.on('pageerror', (e) => {
    page.errors.push(String(e));
    page.faults.push(`uncaught: ${e}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
    if (/panicked at|RuntimeError|unreachable executed|already disposed/.test(m.text())) {
      page.faults.push(m.text());
    }
  });
  OPENED.push(page);
  await page.goto(url);
  await page.getByTestId('app').waitFor();
  return page;
}

/** Every page opened since the last check (see `suite`). */
const OPENED = [];

/**
 * Sets up a test file: the release build served and Chromium launched before its tests, both
 * closed after. `app.open()` opens a fresh page of the app; `app.browser` and `app.url` are there
 * for tests that need them.
 */
export function suite({ dist } = {}) {
  const app = {};
  // Checked after each test, not only where a test remembers to: no page may have panicked or
  // thrown an uncaught error.
  afterEach(() => {
    const faults = OPENED.filter((p) => !p.expectsPanic).flatMap((p) => p.faults);
    OPENED.length = 0;
    assert.deepEqual(faults, [], 'the page panicked or threw an uncaught error');
  });
  before(async () => {
    app.server = await serveDist(dist);
    app.url = app.server.url;
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  app.open = (options) => openApp(app.browser, app.url, options);
  return app;
}

/**
 * Waits until the service worker has cached the build and answers the page's own loading: the
 * worker is active, and a reload was answered by it (`workerStart`). Chromium may still send a
 * navigation to the network for a moment after the worker activates, as a real second visit
 * never sees. Fails after 20 tries.
 */
export async function answeredByWorker(page) {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return !!(navigator.serviceWorker.controller && registration?.active?.state === 'activated');
  }, null, { timeout: 60000 });
  for (let visit = 0; visit < 20; visit++) {
    await page.reload();
    await page.getByTestId('app').waitFor();
    if (await page.evaluate(() => performance.getEntriesByType('navigation')[0].workerStart > 0)) return;
    await page.waitForTimeout(250);
  }
  throw new Error('the service worker never answered a visit');
}

/**
 * A small plan document (SPEC §6) titled 只有甲的计划: one metric 新批, one tier 考核, one unit
 * 甲; `changes` replace its top-level keys.
 */
export function smallPlan(changes = {}) {
  return {
    format: 'pace-plan',
    version: 1,
    title: '只有甲的计划',
    year: 2026,
    month: 7,
    unit: '万美元',
    metrics: [{ id: 'r', name: '新批' }],
    tiers: [{ id: 'a', name: '考核' }],
    units: [{ id: 'u1', name: '甲' }],
    ...changes,
  };
}

/**
 * Opens the plan document `plan` (an object, or its text) as a person does: chosen with 导入's
 * file input, or with `drop`, dropped on the page (which moves no focus).
 */
export async function importPlan(page, plan, { drop = false } = {}) {
  const text = typeof plan === 'string' ? plan : JSON.stringify(plan);
  if (drop) {
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'dropped.pace.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
  } else {
    await page.getByTestId('import-file').setInputFiles({
      name: 'plan.pace.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
  }
}
