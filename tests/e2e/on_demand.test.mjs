// The tabs loaded on demand (src/ui/on_demand.rs, scripts/split.mjs): the first screen does not
// wait for them, every tab still works, and a tab whose code cannot be fetched says so and comes
// back with 重试 instead of killing the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { DIST, importPlan, openApp, smallPlan, suite } from './harness.mjs';

const app = suite();

/**
 * Opens the app with the entry tab's module held back until the test calls `release()` (a
 * slow intranet), so that what the test does first happens while that code is on its way.
 */
async function openWithEntryTabHeld() {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await context.route(/_split_entry_tab\.wasm$/, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  const page = await openApp(app.browser, app.url, { context });
  return { context, page, release };
}

const panelFiles = () => readdirSync(DIST).filter((f) => /^pace-[0-9a-f]+_split_.+\.wasm$/.test(f));

test('the build has one module per part loaded on demand', () => {
  const parts = panelFiles().map((f) => f.replace(/^pace-[0-9a-f]+_split_(.+)\.wasm$/, '$1')).sort();
  assert.deepEqual(parts, ['briefing_tab', 'entry_tab', 'plans_panel', 'print_page', 'settings_tab', 'what_if_tab']);
});

test('the first screen needs none of the modules on demand; with them, every tab works', async () => {
  // Every module on demand refused: the cards and the 通报表 are there all the same.
  const bare = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  let refused = 0;
  await bare.route(/_split_.+\.wasm$/, (route) => {
    refused += 1;
    return route.abort('internetdisconnected');
  });
  const first = await openApp(app.browser, app.url, { context: bare });
  await first.getByTestId('results-table').waitFor();
  // Every part was asked for and refused; the page lives on (the suite fails any panic).
  while (refused < panelFiles().length) await first.waitForTimeout(50);
  assert.match(await first.getByTestId('summary-registered').innerText(), /%/);
  assert.ok((await first.locator('[data-testid=results-table] tbody tr').count()) > 3);
  await first.getByTestId('tab-settings').click();
  await first.getByTestId('panel-unloaded').waitFor();
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
  let refusals = 0;
  await context.route(/_split_what_if_tab\.wasm$/, (route) => {
    if (!blocked) return route.continue();
    refusals += 1;
    return route.abort('internetdisconnected');
  });
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
  // 重试 with the keyboard while still down: it asks again, the message stays, and focus is on
  // 重试, not lost to the page.
  const asked = refusals;
  await page.getByTestId('panel-retry').focus();
  await page.keyboard.press('Enter');
  while (refusals === asked) await page.waitForTimeout(50);
  await message.waitFor();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'panel-retry');

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

test('a tab left while its module is on its way, and 打印 before the print view can be fetched', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  // 假设分析's module takes a second; the print view's is refused until let through.
  await context.route(/_split_what_if_tab\.wasm$/, async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue().catch(() => {});
  });
  let printBlocked = true;
  await context.route(/_split_print_page\.wasm$/, async (route) => {
    if (printBlocked) return route.abort('internetdisconnected');
    // Slow once let through: clicks while it comes must not queue dialogs.
    await new Promise((r) => setTimeout(r, 800));
    return route.continue().catch(() => {});
  });
  const page = await openApp(app.browser, app.url, { context });
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => {
      window.printed += 1;
    };
  });
  // Left at once for another tab: the module arrives with nobody waiting (no fault: the suite
  // fails any panic), and the tab works when it is opened again.
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('tab-briefing').click();
  await page.getByTestId('briefing').waitFor();
  await page.waitForTimeout(1500);
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('needed').first().waitFor();

  // 打印 while the print view cannot be fetched: no dialog, and no page saying 正在载入…; the
  // header says nothing was printed and why.
  await page.getByTestId('print').click();
  await page.getByTestId('print-unloaded').waitFor();
  assert.match(await page.getByTestId('print-unloaded').innerText(), /没有打印.*联网后再点打印/);
  assert.equal(await page.evaluate(() => window.printed), 0);
  assert.equal(await page.getByTestId('print-view').count(), 0);
  // 关闭 takes the message away and gives focus back to 打印; the next 打印 says it again.
  await page.getByTestId('print-unloaded').getByRole('button').click();
  assert.equal(await page.getByTestId('print-unloaded').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'print');
  await page.keyboard.press('Enter');
  await page.getByTestId('print-unloaded').waitFor();
  // Esc closes it like a menu, focus back on 打印.
  await page.keyboard.press('Escape');
  await page.getByTestId('print-unloaded').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'print');
  // An import's error opens in the same place: the newer message replaces the other.
  await page.keyboard.press('Enter');
  await page.getByTestId('print-unloaded').waitFor();
  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{'),
  });
  await page.getByTestId('import-error').waitFor();
  await page.getByTestId('print-unloaded').waitFor({ state: 'detached' });
  await page.getByTestId('print').click();
  await page.getByTestId('print-unloaded').waitFor();
  await page.getByTestId('import-error').waitFor({ state: 'detached' });
  // Once it can: one dialog, however many clicks while it comes; 打印 says it is busy meanwhile.
  printBlocked = false;
  await page.getByTestId('print').click();
  assert.equal(await page.getByTestId('print').getAttribute('aria-busy'), 'true');
  await page.getByTestId('print').click();
  await page.getByTestId('print').click();
  await page.getByTestId('print-view').waitFor({ state: 'attached' });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.printed), 1);
  // The message went with the print that worked.
  assert.equal(await page.getByTestId('print-unloaded').count(), 0);
  await context.close();
});

test('the browser’s own print before the print view has arrived prints what to do, not a blank page', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  // The print view's module never arrives (a slow intranet): Ctrl+P cannot wait for it.
  await context.route(/_split_print_page\.wasm$/, () => {});
  const page = await openApp(app.browser, app.url, { context });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const frame = page.locator('.print-frame');
  await frame.waitFor();
  assert.match(await frame.innerText(), /打印视图还在下载.*点页面上的“打印”/);
  // Only that message is on paper: the page itself is hidden as for any print.
  assert.equal(await page.locator('header.topbar').isVisible(), false);
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  await frame.waitFor({ state: 'detached' });
  await context.close();
});

test('新建空白计划 before the entry tab’s code has arrived: focus lands in the first cell once it has', async () => {
  // The new plan is asked for while the entry tab's code is on its way.
  const { context, page, release } = await openWithEntryTabHeld();
  await page.getByTestId('new-blank').click();
  await page.getByTestId('panel-loading').waitFor();
  release();
  await page.waitForFunction(() => document.activeElement?.matches('[data-row="0"][data-col="0"]'));
  // The total's name is selected: typing replaces it.
  await page.keyboard.type('全县');
  assert.equal(await page.locator('[data-row="0"][data-col="0"]').inputValue(), '全县');
  await context.close();
});

test('focus the person moved while the entry tab’s code was on its way stays where they put it', async () => {
  const { context, page, release } = await openWithEntryTabHeld();
  await page.getByTestId('new-blank').click();
  await page.getByTestId('panel-loading').waitFor();
  // Before the grid arrives, the person goes to the data month.
  await page.getByTestId('month').focus();
  release();
  await page.locator('[data-row="0"][data-col="0"]').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'month');
  await context.close();
});

test('the browser’s own print with the print view unreachable says what to do, with no button on paper', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  await context.route(/_split_print_page\.wasm$/, (route) => route.abort('internetdisconnected'));
  const page = await openApp(app.browser, app.url, { context });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const frame = page.locator('.print-frame');
  await frame.getByTestId('panel-unloaded').waitFor();
  assert.match(await frame.innerText(), /打印视图没有下载到.*联网后点页面上的“打印”/);
  assert.equal(await frame.getByTestId('panel-retry').isVisible(), false);
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  await context.close();
});

test('粘贴导入 opened before the entry tab’s code has arrived says it is loading; then a sheet pasted gets its preview focused', async () => {
  // 粘贴导入's panel and the reading of files come with the entry tab's code (ui/import_panels.rs).
  const { context, page, release } = await openWithEntryTabHeld();
  await page.getByTestId('paste-import').click();
  await page.locator('.topbar').getByTestId('panel-loading').waitFor();
  release();
  await page.getByTestId('paste-text').fill('单位\t1-7月新批注册外资\r\n高新区\t4500\r\n');
  await page.getByTestId('paste-confirm').click();
  await page.waitForFunction(() => document.activeElement?.id === 'paste-preview');
  await context.close();
});

test('a file dropped before the entry tab’s code could be fetched says so and changes nothing; dropped again once it can, it opens', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  let blocked = true;
  await context.route(/_split_entry_tab\.wasm$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  const page = await openApp(app.browser, app.url, { context });
  const title = await page.getByTestId('plan-title').innerText();
  const plan = JSON.stringify(smallPlan({ title: '掉线时拖入的计划' }));
  await importPlan(page, plan, { drop: true });
  const error = page.getByTestId('import-error');
  await error.waitFor();
  assert.match(await error.innerText(), /无法导入“.*”，没有任何改动：这一功能还没有下载到（网络已断开？），联网后再试一次。/);
  assert.equal(await page.getByTestId('plan-title').innerText(), title);
  blocked = false;
  await importPlan(page, plan, { drop: true });
  await page.getByTestId('plan-title').filter({ hasText: '掉线时拖入的计划' }).waitFor();
  await context.close();
});

test('storage’s banners whose code cannot be fetched still say what they are about', async () => {
  // A tester: with the plans menu's module blocked, storage full showed only the generic
  // “not downloaded” message, nothing about changes not being saved.
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  await context.route(/_split_plans_panel\.wasm$/, (route) => route.abort('internetdisconnected'));
  const page = await openApp(app.browser, app.url, {
    context,
    init: () => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    },
  });
  const unloaded = page.getByTestId('panel-unloaded');
  await unloaded.waitFor();
  assert.match(await unloaded.innerText(), /关于浏览器存储的提示还没有下载到.*最近的修改可能没有保存.*导出/);
  await context.close();
});

test('分享 clicked before its code has arrived shows 正在载入…; closed meanwhile, it stays closed', async () => {
  // A tester: the click was carried out once the code came, after Esc or a click elsewhere.
  const { context, page, release } = await openWithEntryTabHeld();
  const share = page.getByTestId('share');
  await share.click();
  assert.equal(await share.getAttribute('aria-expanded'), 'true');
  await page.locator('.topbar').getByTestId('panel-loading').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await share.getAttribute('aria-expanded'), 'false');
  release();
  await page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((e) => /_split_entry_tab/.test(e.name)),
  );
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-text').waitFor();
  assert.equal(await page.getByTestId('share-panel').count(), 0);
  // Opened now (with the keyboard, which presses nowhere), it shows the link and closes
  // 粘贴导入: the two share a place, and Esc closed the wrong one (a review).
  await share.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('share-link').waitFor();
  assert.equal(await page.getByTestId('paste-panel').count(), 0);
  await page.keyboard.press('Escape');
  await page.getByTestId('share-panel').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'share');
  await share.click();
  await page.getByTestId('share-link').waitFor();
  await share.click();
  await page.getByTestId('share-panel').waitFor({ state: 'detached' });
  await context.close();
});

test('重试 clicked in 粘贴导入’s place opens the panel, not closes it', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  let blocked = true;
  await context.route(/_split_entry_tab\.wasm$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  const page = await openApp(app.browser, app.url, { context });
  await page.getByTestId('paste-import').click();
  const retry = page.locator('.topbar').getByTestId('panel-retry');
  await retry.waitFor();
  blocked = false;
  await retry.click();
  await page.getByTestId('paste-text').waitFor();
  assert.equal(await page.getByTestId('paste-import').getAttribute('aria-expanded'), 'true');
  await context.close();
});
