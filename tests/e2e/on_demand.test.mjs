// The tabs loaded on demand (src/ui/on_demand.rs, scripts/split.mjs): the first screen does not
// wait for them, every tab still works, and a tab whose code cannot be fetched says so and comes
// back with 重试 instead of killing the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { DIST, openApp, suite } from './harness.mjs';

const app = suite();

const panelFiles = () => readdirSync(DIST).filter((f) => /^pace-[0-9a-f]+_split_.+\.wasm$/.test(f));

test('the build has one module per part loaded on demand', () => {
  const parts = panelFiles().map((f) => f.replace(/^pace-[0-9a-f]+_split_(.+)\.wasm$/, '$1')).sort();
  assert.deepEqual(parts, ['briefing_tab', 'entry_tab', 'plans_panel', 'print_page', 'settings_tab', 'what_if_tab']);
});

test('the first screen needs none of the modules on demand; with them, every tab works', async () => {
  // Every module on demand refused: the cards and the 通报表 are there all the same.
  const bare = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  await bare.route(/_(split|chunk)_.+\.wasm$/, (route) => route.abort('internetdisconnected'));
  const first = await openApp(app.browser, app.url, { context: bare });
  await first.getByTestId('results-table').waitFor();
  assert.match(await first.getByTestId('summary-registered').innerText(), /%/);
  assert.ok((await first.locator('[data-testid=results-table] tbody tr').count()) > 3);
  await bare.close();

  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  const page = await openApp(app.browser, app.url, { context });
  // All of them are fetched after the first frame, without a click.
  await page.waitForFunction(
    (n) => performance.getEntriesByType('resource').filter((e) => /_split_/.test(e.name)).length >= n,
    panelFiles().length,
  );
  await page.getByTestId('tab-entry').click();
  await page.getByTestId('unit-grid').waitFor();
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('needed').first().waitFor();
  await page.getByTestId('tab-briefing').click();
  await page.getByTestId('briefing').waitFor();
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('settings').waitFor();
  await page.getByTestId('plan-title').click();
  await page.getByTestId('saved-plan').or(page.getByTestId('new-plan')).first().waitFor();
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
  // 重试 with the keyboard while still down: the message comes back, and focus is on 重试 again.
  await page.getByTestId('panel-retry').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'panel-retry');

  blocked = false;
  await page.getByTestId('panel-retry').click();
  await page.getByTestId('needed').first().waitFor();
  assert.equal(await page.getByTestId('panel-unloaded').count(), 0);
  await context.close();
});

test('a tab that never arrives holds up no other; 重试 works on a closed month too', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  // The server never answers for 录入数据's module; 计划设置's fails until let through.
  await context.route(/_split_entry_tab\.wasm$/, () => {});
  let blocked = true;
  await context.route(/_split_settings_tab\.wasm$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  const page = await openApp(app.browser, app.url, { context });
  await page.getByTestId('results-table').waitFor();
  // The other modules arrive anyway.
  await page.waitForFunction(() =>
    ['what_if_tab', 'briefing_tab', 'plans_panel'].every((part) =>
      performance.getEntriesByType('resource').some((e) => e.name.includes(`_split_${part}`)),
    ),
  );
  await page.getByTestId('tab-briefing').click();
  await page.getByTestId('briefing').waitFor();
  await page.getByTestId('tab-entry').click();
  await page.getByTestId('panel-loading').waitFor();

  // July closed and looked at: the plan may not be changed, but 重试 is not part of the plan.
  await page.getByTestId('plan-title').click();
  await page.getByTestId('next-month').click();
  await page.getByTestId('month').selectOption('c7');
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('panel-unloaded').waitFor();
  blocked = false;
  assert.equal(await page.getByTestId('panel-retry').isEnabled(), true);
  await page.getByTestId('panel-retry').click();
  await page.getByTestId('settings').waitFor();
  // The settings themselves are locked on a closed month, as before.
  assert.equal(await page.locator('fieldset.edit-lock').evaluate((f) => f.disabled), true);
  await context.close();
});
