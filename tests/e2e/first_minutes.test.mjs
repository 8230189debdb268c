// A clerk's first minutes (issue 10): what a new user trips over, each fixed and kept fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

const app = suite();

test('a new unit’s name is selected, so typing replaces it', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await page.getByTestId('add-unit').click();
  const name = page.getByLabel('单位名称').last();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '单位名称');
  await page.keyboard.type('开发区二');
  await page.keyboard.press('Tab');
  assert.equal(await name.inputValue(), '开发区二');
  await page.context().close();
});

test('a year outside 1900–2999 is refused with a message and the year stays', async () => {
  const page = await app.open();
  await page.getByTestId('tab-settings').click();
  const year = page.getByTestId('year');
  await year.fill('20026');
  await year.press('Tab');
  await page.getByTestId('settings').getByRole('alert').getByText('年份应为 1900 到 2999 之间的整数').waitFor();
  assert.equal(await page.getByTestId('year').inputValue(), '2026');
  await page.context().close();
});

/** Whether the element is on screen and is what is painted at its own centre (nothing covers it). */
function isSeen(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (r.bottom > innerHeight || r.right > innerWidth || r.top < 0 || r.left < 0) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return el === hit || el.contains(hit);
  });
}

test('a refused entry keeps its text and focus, the message is seen, Esc restores the value', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  const grid = page.getByTestId('unit-grid');
  // The last row's 完成数 of the first metric: the message once lay clipped under the scroll box.
  const cell = grid.locator('tbody tr[data-unit]').last().locator('input.num').first();
  const before = await cell.inputValue();
  for (const typed of ['4762万元', '1,5', '12%']) {
    await cell.click();
    await cell.fill(typed);
    await page.keyboard.press('Tab');
    // Focus stays in the refused cell with the typed text kept for correction.
    assert.equal(await cell.evaluate((el) => el === document.activeElement), true);
    assert.equal(await cell.inputValue(), typed);
    assert.equal(await cell.getAttribute('aria-invalid'), 'true');
    const notice = page.getByTestId('entry-notice');
    assert.equal(await cell.getAttribute('aria-describedby'), await notice.getAttribute('id'));
    assert.match(await notice.innerText(), new RegExp(`“${typed.replace(/[%,]/g, '\\$&')}”无法识别`));
    assert.equal(await isSeen(notice), true, `the message for ${typed} is on screen, uncovered`);
    // The plan kept the last good value: the results show the figure from before.
    await page.keyboard.press('Escape');
    assert.equal(await cell.inputValue(), before);
    assert.equal(await cell.getAttribute('aria-invalid'), 'false');
    assert.equal(await notice.innerText(), '');
  }
  // Corrected text is accepted and Tab moves on.
  await cell.click();
  await cell.fill('4762万美元');
  await page.keyboard.press('Tab');
  assert.equal(await cell.evaluate((el) => el === document.activeElement), false);
  assert.equal(await cell.inputValue(), '4762');
  await page.context().close();
});

const OTHER_PLAN = JSON.stringify({
  format: 'pace-plan',
  version: 1,
  title: '全县 1-5月',
  year: 2026,
  month: 5,
  unit: '万元',
  metrics: [{ id: 'fdi', name: '实际到位资金' }],
  tiers: [{ id: 'goal', name: '目标任务' }],
  units: [
    { id: 'a', name: '甲镇', group: '镇', figures: { fdi: { actual: 50, targets: { goal: 100 } } } },
    { id: 'b', name: '乙镇', group: '镇', figures: { fdi: { actual: 30, targets: { goal: 100 } } } },
  ],
});

test('the table’s group, sort and rank and what-if’s month K start afresh with another plan', async () => {
  const page = await app.open();
  await page.getByTestId('tab-results').click();
  await page.getByTestId('group-filter').selectOption('园区');
  await page.getByTestId('rank-basis').selectOption('c1');
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('by-month').selectOption('11');
  await page.getByTestId('import-file').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from(OTHER_PLAN),
  });
  await page.getByTestId('plan-title').getByText('全县 1-5月').waitFor();
  // Three months on from May, not the 11 chosen for the July plan.
  await page.getByTestId('tab-what-if').click();
  assert.equal(await page.getByTestId('by-month').inputValue(), '8');
  await page.getByTestId('tab-results').click();
  assert.equal(await page.getByTestId('group-filter').inputValue(), '');
  assert.equal(await page.getByTestId('rank-basis').inputValue(), 'c0');
  const rows = page.getByTestId('results-table').locator('tbody tr[data-unit]');
  assert.equal(await rows.count(), 2, 'both units of the new plan are listed');
  await page.context().close();
});

test('a month K already past after the data month moves on becomes one still to come', async () => {
  const page = await app.open();
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('by-month').selectOption('8');
  await page.getByTestId('month').selectOption('9');
  assert.equal(await page.getByTestId('by-month').inputValue(), '12');
  await page.context().close();
});

test('the title’s month follows the data month, and a title naming another month is offered a change', async () => {
  const page = await app.open();
  await page.getByTestId('month').selectOption('8');
  await page.getByTestId('plan-title').getByText('全市利用外资 1-8月').waitFor();
  assert.equal(await page.getByTestId('title-month').count(), 0);
  await page.getByTestId('import-file').setInputFiles({
    name: 'stale.json',
    mimeType: 'application/json',
    buffer: Buffer.from(OTHER_PLAN.replace('全县 1-5月', '全县 1-4月')),
  });
  const offer = page.getByTestId('title-month');
  await offer.getByText('标题写的是4月，数据月份是5月').waitFor();
  await offer.getByRole('button', { name: '改标题' }).click();
  await page.getByTestId('plan-title').getByText('全县 1-5月').waitFor();
  assert.equal(await offer.count(), 0);
  await page.context().close();
});

test('at 1366×768 the 通报表 fits without sideways scrolling, in Chinese and in English', async () => {
  const page = await app.open();
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') await page.getByTestId('lang').click();
    await page.getByTestId('tab-results').click();
    const fit = await page.getByTestId('results-table').evaluate((table) => {
      const box = table.closest('.table-scroll');
      return { table: table.scrollWidth, box: box.clientWidth };
    });
    assert.ok(fit.table <= fit.box, `${lang}: the table is ${fit.table} px wide in a ${fit.box} px box`);
  }
  await page.context().close();
});

test('opening the paste or share panel leaves the header’s buttons on their line', async () => {
  const page = await app.open();
  const header = page.locator('header.topbar');
  const before = await header.boundingBox();
  const top = async () => (await page.getByTestId('undo').boundingBox()).y;
  const undoTop = await top();
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-panel').waitFor();
  assert.equal((await header.boundingBox()).height, before.height);
  assert.equal(await top(), undoTop);
  await page.getByTestId('paste-import').click();
  await page.getByTestId('share').click();
  await page.getByTestId('share-panel').waitFor();
  assert.equal((await header.boundingBox()).height, before.height);
  assert.equal(await top(), undoTop);
  await page.context().close();
});

test('the scenario editor stands above the comparisons it feeds', async () => {
  const page = await app.open();
  await page.getByTestId('tab-what-if').click();
  const editor = await page.getByTestId('add-scenario').boundingBox();
  const comparison = await page.getByTestId('compare').first().boundingBox();
  assert.ok(editor.y < comparison.y, 'the editor comes first');
  await page.context().close();
});

test('a first visit shows a plan that adds up, and 新建空白计划 beside 示例 opens an empty one', async () => {
  const page = await app.open();
  const title = page.getByTestId('plan-title');
  await title.getByText('示例', { exact: true }).waitFor();
  // The example's figures agree with each other: no yellow 数据提示 box to greet a newcomer.
  await page.getByTestId('summary-registered').getByText('61.36%').first().waitFor();
  assert.equal(await page.getByTestId('warnings').count(), 0);
  // Every group has several units, so no 小计 row repeats a unit's row.
  await page.getByTestId('tab-results').click();
  const table = page.getByTestId('results-table');
  assert.deepEqual(await table.locator('tr.subtotal-row th').allInnerTexts(), ['园区小计', '乡镇小计', '部门小计']);
  const figures = (rows) =>
    rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(2).map((c) => c.textContent.trim()).join('|')));
  const units = await figures(table.locator('tbody tr[data-unit]'));
  assert.equal(units.length, 12);
  for (const subtotal of await figures(table.locator('tr.subtotal-row'))) {
    assert.ok(!units.includes(subtotal), `a subtotal row repeats a unit: ${subtotal}`);
  }
  for (const group of ['园区', '乡镇', '部门']) {
    await page.getByTestId('group-filter').selectOption(group);
    assert.ok((await table.locator('tbody tr[data-unit]').count()) >= 2, `${group} has several units`);
  }
  // The way out of the example is in sight, beside its badge, without opening the menu.
  const blank = page.getByTestId('new-blank');
  assert.equal(await blank.innerText(), '新建空白计划');
  assert.equal(await isSeen(blank), true);
  await blank.click();
  await title.getByText('新计划 1-7月').waitFor();
  assert.equal(await title.getByText('示例', { exact: true }).count(), 0);
  assert.equal(await blank.isHidden(), true);
  // An empty plan, saved, open at 录入数据: only the total's row, nothing entered.
  const grid = page.getByTestId('unit-grid');
  await grid.waitFor();
  assert.equal(await grid.locator('tbody tr').count(), 1);
  assert.deepEqual([...new Set(await grid.locator('input.num').evaluateAll((els) => els.map((e) => e.value)))], ['']);
  await page.getByTestId('data-status').getByText(/已保存/).waitFor();
  await title.click();
  assert.equal(await page.getByTestId('saved-plan').count(), 1);
  // In English too.
  await page.getByTestId('open-example').click();
  await page.getByTestId('lang').click();
  assert.equal(await blank.innerText(), 'New blank plan');
  await page.context().close();
});

test('opening one metric’s count lists its names only, not the other metric’s', async () => {
  const page = await app.open();
  const counts = page.getByTestId('counts');
  await counts.locator('summary', { hasText: '达到序时进度·考核目标' }).first().click();
  const open = await counts.locator('details[open]').count();
  assert.equal(open, 1);
  await page.context().close();
});

test('at 390 px no tab is wider than the phone', async () => {
  const page = await app.open({ viewport: { width: 390, height: 844 } });
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') await page.getByTestId('lang').click();
    for (const tab of ['tab-results', 'tab-entry', 'tab-what-if', 'tab-briefing', 'tab-settings']) {
      await page.getByTestId(tab).click();
      // Tables scroll inside their own box; the page itself never scrolls sideways.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${lang} ${tab}: the page is ${width} px wide`);
      // Every tab in sight, whole: none scrolled away or cut off.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('[role=tab]')]
          .filter((b) => b.getBoundingClientRect().right > innerWidth || b.scrollWidth > b.clientWidth)
          .map((b) => b.textContent),
      );
      assert.deepEqual(cut, [], `${lang}: tabs cut off`);
    }
  }
  await page.context().close();
});

test('a refused text never writes an old value over a figure changed since (undo)', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  const cell = page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true });
  const original = await cell.inputValue();
  await cell.fill('500');
  await cell.press('Enter');
  await cell.click();
  await cell.fill('1,5');
  await cell.press('Tab');
  assert.equal(await cell.inputValue(), '1,5');
  // Undo takes the 500 back: the cell shows the figure from before, and the refused text with
  // its message is gone rather than written back over it.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(
    (v) => document.querySelector('[aria-label="开发区 · 新批注册外资 · 完成数"]').value === v,
    original,
  );
  assert.equal(await page.getByTestId('entry-notice').innerText(), '');
  // And the undone 500 can be redone: nothing was written in between.
  await page.keyboard.press('Control+Shift+Z');
  await page.waitForFunction(
    () => document.querySelector('[aria-label="开发区 · 新批注册外资 · 完成数"]').value === '500',
  );
  await page.context().close();
});
