// Opens anywhere: offline after one visit (service worker), a new build offered with 刷新, a
// sub-path, plain http on an intranet host, a file:// opening, and the Content-Security-Policy.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIST, answeredByWorker as controlled, launch, openApp, serveDist, suite } from './harness.mjs';

const app = suite();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CELL = '开发区 · 新批注册外资 · 完成数';

/** Collects the page's CSP violations (installed before the app starts). */
const WATCH_CSP = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
  );
};

const buildId = (dir) =>
  readFileSync(join(dir, 'index.html'), 'utf8').match(/<meta name="pace-build" content="([0-9a-f]+)"/)[1];

/** A copy of dist/ in a temporary folder, which a test may change and "rebuild". */
function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), 'pace-offline-'));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** Makes `dir` the next build: one file changed and the build's last step run again. */
function nextBuild(dir) {
  appendFileSync(join(dir, 'boot.js'), `\n// the next build ${Math.random()}\n`);
  execFileSync('node', [join(ROOT, 'scripts/offline.mjs'), dir]);
  return buildId(dir);
}

const others = [];
after(() => others.forEach((close) => close()));

test('offline after one visit, in a sub-path; a new build is offered and taken with 刷新', async () => {
  // A copy of dist/ that the test can rebuild, served in a folder as on an intranet server.
  const dir = copyOfDist();
  const server = await serveDist(dir, { prefix: '/tools/pace/' });
  others.push(server.close);
  const page = await openApp(app.browser, server.url, { init: WATCH_CSP });
  const context = page.context();
  await controlled(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  assert.equal(scope, server.url, 'the worker covers the app’s folder only');
  const first = buildId(dir);
  assert.equal(await page.getByTestId('app-version').innerText(), `版本 ${first}`);
  assert.equal(await page.getByTestId('offline-state').getAttribute('data-state'), 'on');

  // The network goes away (the browser is offline and the server drops every connection): the page still opens, a figure is typed and saved, export works.
  server.setDown(true);
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('app').waitFor();
  await page.getByTestId('tab-entry').click();
  const cell = page.getByLabel(CELL, { exact: true });
  await cell.fill('15000');
  await cell.press('Tab');
  await page.getByTestId('data-status').getByText(/已保存/).waitFor();
  const saved = await page.evaluate(() =>
    Object.entries(localStorage).filter(([k]) => k.startsWith('pace.v1.plan.')).map(([, v]) => v),
  );
  assert.ok(saved.some((v) => /"actual": 15000/.test(v)), 'the figure typed offline is stored');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  assert.match(readFileSync(await download.path(), 'utf8'), /"actual": 15000/);
  // The spreadsheet writer (a worker loaded on demand) was cached too.
  await page.getByTestId('tab-results').click();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1'), 'PK');
  await context.setOffline(false);
  server.setDown(false);

  // A new build: one file changed, and the build step run again (the same hook Trunk runs).
  const second = nextBuild(dir);
  assert.notEqual(second, first);
  await page.evaluate(() => {
    window.__samePage = true;
  });
  // The browser looks for a new sw.js on each visit; the page checks when it is looked at again.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.getByTestId('update-ready').waitFor();
  // Offered, never forced: the same page, the old version, still running.
  assert.equal(await page.evaluate(() => window.__samePage), true);
  assert.equal(await page.getByTestId('app-version').innerText(), `版本 ${first}`);
  await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
  await page.getByTestId('app').waitFor();
  assert.equal(await page.getByTestId('app-version').innerText(), `版本 ${second}`);
  assert.equal(await page.evaluate(() => window.__samePage), undefined);
  assert.equal(await page.getByTestId('update-ready').count(), 0);
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '15000');
  // Only the new build's cache is left.
  const caches = await page.evaluate(() => caches.keys());
  assert.deepEqual(caches, [`pace ${server.url} ${second}`]);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('plain http on an intranet host: no offline use, said so; everything else works', async () => {
  const browser = await launch([`--host-resolver-rules=MAP pace.intranet 127.0.0.1`]);
  others.push(() => browser.close());
  const port = new URL(app.url).port;
  const page = await openApp(browser, `http://pace.intranet:${port}/`);
  await page.getByTestId('schedule').getByText('58.33%').waitFor();
  const state = page.getByTestId('offline-state');
  assert.equal(await state.getAttribute('data-state'), 'insecure');
  assert.match(await state.innerText(), /离线使用需要 https 或本机/);
  assert.equal(await page.evaluate(() => 'serviceWorker' in navigator), false);
  assert.deepEqual(page.errors, []);
  await browser.close();
});

test('opened from a file: a message saying what to do, not a white page', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(DIST, 'index.html')).href);
  const message = page.getByTestId('opened-from-file');
  await message.waitFor();
  assert.match(await message.innerText(), /不能直接从文件打开/);
  assert.match(await message.innerText(), /cannot run from a file/);
  // Styled: the stylesheet loads from a file too (no integrity attribute for it to fail).
  assert.equal(await message.evaluate((el) => getComputedStyle(el).color), 'rgb(89, 99, 110)');
  await context.close();
});

test('opened without the folder’s last “/” from a server that does not add it: the page adds it', async () => {
  // The server answers …/tools/pace itself with index.html (no redirect), so every relative
  // address would point at /tools/.
  const server = await serveDist(DIST, { prefix: '/tools/pace' });
  assert.ok(!server.url.endsWith('/'));
  const page = await openApp(app.browser, `${server.url}?from=bookmark#results`, { init: WATCH_CSP });
  assert.equal(new URL(page.url()).pathname, '/tools/pace/');
  assert.equal(new URL(page.url()).search, '?from=bookmark');
  assert.equal(new URL(page.url()).hash, '#results'); // a share link's plan is in the hash
  await page.getByTestId('summary-registered').waitFor();
  // Its inline script is allowed by hash; nothing broke the policy.
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  // At the right address nothing moves.
  await page.reload();
  await page.getByTestId('app').waitFor();
  assert.equal(new URL(page.url()).pathname, '/tools/pace/');
  await page.context().close();
  server.close();
});

test('the Content-Security-Policy holds: the app breaks none of it, and inline scripts are refused', async () => {
  const page = await app.open({ init: WATCH_CSP });
  const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.match(policy, /object-src 'none'/);
  assert.match(policy, /base-uri 'none'/);
  for (const tab of ['tab-entry', 'tab-what-if', 'tab-briefing', 'tab-settings', 'tab-results']) {
    await page.getByTestId(tab).click();
  }
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('burn-up-0').waitFor();
  await page.getByTestId('tab-results').click();
  // The on-demand worker (a module started from its own file) is allowed.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  assert.ok(xlsx.suggestedFilename().endsWith('.xlsx'));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  // The policy is really in force: a script slipped into the page does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.append(s);
    return window.__injected === true;
  });
  assert.equal(ran, false);
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.match((await page.evaluate(() => window.__violations))[0], /script-src/);
  page.errors.length = 0; // the refused script's console error is this test's own doing
  await page.context().close();
});

test('two copies of Pace on one server keep their own offline copies', async () => {
  // A test copy beside the real one, as an office might run: different builds, one server.
  const real = copyOfDist();
  const trial = copyOfDist();
  nextBuild(trial);
  const both = await serveDist(real, { prefix: '/tools/pace/', also: [['/tools/pace-test/', trial]] });
  others.push(both.close);
  const context = await app.browser.newContext();
  const page = await openApp(app.browser, both.url, { context });
  await controlled(page);
  const origin = new URL(both.url).origin;
  const other = await openApp(app.browser, `${origin}/tools/pace-test/`, { context });
  await controlled(other);
  const names = await other.evaluate(() => caches.keys());
  assert.equal(names.length, 2, `each copy keeps its own cache: ${names}`);
  // The real copy still opens without the network.
  both.setDown(true);
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('schedule').getByText('58.33%').waitFor();
  assert.equal(await page.getByTestId('app-version').innerText(), `版本 ${buildId(real)}`);
  await context.close();
});

test('a server caught half-way through an update: the new build is not kept, the old one works', async () => {
  const dir = copyOfDist();
  const server = await serveDist(dir);
  others.push(server.close);
  const page = await openApp(app.browser, server.url);
  await controlled(page);
  const first = buildId(dir);
  // The next build's sw.js and page are there, but one file is still another build's (a copy
  // that has not finished).
  nextBuild(dir);
  appendFileSync(join(dir, 'sheets_out_loader.js'), '\n// not yet copied\n');
  // The install fails (the worker it started is discarded): no offer, and the old build is still
  // what is kept.
  const ended = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return new Promise((resolve) => {
      registration.addEventListener('updatefound', () => {
        const incoming = registration.installing;
        incoming.addEventListener('statechange', () => {
          if (incoming.state === 'redundant' || incoming.state === 'installed') resolve(incoming.state);
        });
      });
      registration.update().catch(() => {});
    });
  });
  assert.equal(ended, 'redundant');
  assert.equal(await page.getByTestId('update-ready').count(), 0);
  const names = await page.evaluate(() => caches.keys());
  assert.deepEqual(names, [`pace ${server.url} ${first}`]);
  server.setDown(true);
  await page.reload();
  await page.getByTestId('app').waitFor();
  assert.equal(await page.getByTestId('app-version').innerText(), `版本 ${first}`);
  await page.context().close();
});

test('a first visit whose files are incomplete on the server says offline use failed', async () => {
  const dir = copyOfDist();
  // The build's list names a file the server does not have.
  rmSync(join(dir, 'sheets_bg.wasm'));
  const server = await serveDist(dir);
  others.push(server.close);
  const page = await openApp(app.browser, server.url);
  const state = page.getByTestId('offline-state');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=offline-state]')?.dataset.state === 'failed',
  );
  assert.match(await state.innerText(), /未能保存到本机/);
  assert.deepEqual(await page.evaluate(() => caches.keys()), []);
  // Everything else works.
  await page.getByTestId('schedule').getByText('58.33%').waitFor();
  page.errors.length = 0; // the failed install's own console line
  await page.context().close();
});

test('a tab left on the old build after another tab took the update starts no new-build worker', async () => {
  const dir = copyOfDist();
  const server = await serveDist(dir);
  others.push(server.close);
  const context = await app.browser.newContext();
  // The tab left behind is a first visit: its worker took it over without a reload.
  const second = await openApp(app.browser, server.url, { context });
  await second.waitForFunction(() => !!navigator.serviceWorker.controller);
  const first = await openApp(app.browser, server.url, { context });
  await controlled(first);
  nextBuild(dir);
  await first.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await first.getByTestId('update-ready').waitFor();
  await Promise.all([first.waitForEvent('load'), first.getByTestId('update-reload').click()]);
  // The other tab did not reload by itself; it says it runs the old version.
  const banner = second.getByTestId('update-ready');
  await banner.waitFor();
  assert.match(await banner.innerText(), /另一个标签页更新/);
  await second.getByTestId('tab-results').click();
  await second.getByTestId('export-xlsx').click();
  const trouble = second.getByTestId('export-xlsx-trouble');
  await trouble.waitFor();
  assert.match(await trouble.innerText(), /请先刷新本页/);
  // 稍后 puts the offer away, and focus goes on to the chosen tab, not to the page's body.
  await second.getByTestId('update-later').focus();
  await second.keyboard.press('Enter');
  await banner.waitFor({ state: 'detached' });
  assert.equal(await second.evaluate(() => document.activeElement?.id), 'tab-results');
  await context.close();
});
