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
  await page.getByTestId('group-filter').selectOption('开发区');
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
