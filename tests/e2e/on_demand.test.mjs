// The tabs loaded on demand (src/ui/on_demand.rs, scripts/split.mjs): the first screen does not
// wait for them, every tab still works, and a tab whose code cannot be fetched says so and comes
// back with 重试 instead of killing the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { DIST, openApp, suite } from './harness.mjs';

const app = suite();

const panelFiles = () => readdirSync(DIST).filter((f) => /^pace-[0-9a-f]+_split_.+\.wasm$/.test(f));

test('the build has one module per tab loaded on demand', () => {
  const tabs = panelFiles().map((f) => f.replace(/^pace-[0-9a-f]+_split_(.+)\.wasm$/, '$1')).sort();
  assert.deepEqual(tabs, ['briefing_tab', 'entry_tab', 'settings_tab', 'what_if_tab']);
});

test('the results show before any tab module is fetched; then every tab is fetched and works', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  // Which modules had arrived when the results were first on screen.
  const arrived = [];
  context.on('requestfinished', (r) => arrived.push(r.url()));
  const page = await openApp(app.browser, app.url, { context });
  await page.getByTestId('results-table').waitFor();
  const beforeResults = arrived.filter((u) => /_split_/.test(u));
  // The main module alone draws the first screen; the tabs' modules come after its first frame.
  assert.ok(
    arrived.some((u) => /pace-[0-9a-f]+_bg\.wasm$/.test(u)),
    'the main module was loaded',
  );
  await page.waitForFunction(
    (n) => performance.getEntriesByType('resource').filter((e) => /_split_/.test(e.name)).length >= n,
    panelFiles().length,
  );
  assert.ok(beforeResults.length < panelFiles().length, 'the tabs were not all waited for');

  await page.getByTestId('tab-entry').click();
  await page.getByTestId('unit-grid').waitFor();
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('needed').first().waitFor();
  await page.getByTestId('tab-briefing').click();
  await page.getByTestId('briefing').waitFor();
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('settings').waitFor();
  assert.equal(await page.getByTestId('panel-unloaded').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a tab whose module cannot be fetched says so, and 重试 brings it once the network is back', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  let blocked = true;
  await context.route(/_split_what_if_tab\.wasm$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  const page = await openApp(app.browser, app.url, { context });
  // The figures are there: only the one tab is missing.
  await page.getByTestId('results-table').waitFor();
  await page.getByTestId('tab-what-if').click();
  const message = page.getByTestId('panel-unloaded');
  await message.waitFor();
  assert.match(await message.textContent(), /网络/);
  assert.equal(await message.getAttribute('role'), 'alert');
  // The other tabs still work.
  await page.getByTestId('tab-entry').click();
  await page.getByTestId('unit-grid').waitFor();

  // Back on the tab, it tries again (and fails again while the network is down).
  await page.getByTestId('tab-what-if').click();
  await message.waitFor();

  blocked = false;
  await page.getByTestId('panel-retry').click();
  await page.getByTestId('needed').first().waitFor();
  assert.equal(await page.getByTestId('panel-unloaded').count(), 0);
  await context.close();
});
