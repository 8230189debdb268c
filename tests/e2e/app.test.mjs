// The page loads from the release build and the app renders the example plan's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

const app = suite();

test('the page shows a loading skeleton before the app starts', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  // Hold back the wasm so the static page is all there is.
  await page.route('**/*.wasm', () => {});
  await page.goto(app.url, { waitUntil: 'domcontentloaded' });
  assert.match(await page.locator('#skeleton').innerText(), /正在加载/);
  assert.equal(await page.title(), 'Pace · 招商引资进度计算器');
  await context.close();
});

test('the app renders the example plan with the schedule and totals', async () => {
  const page = await app.open();
  assert.equal(await page.locator('#skeleton').count(), 0, 'the skeleton is gone');
  await assert.doesNotReject(page.getByTestId('schedule').getByText('58.33%').waitFor());
  const registered = await page.getByTestId('summary-registered').innerText();
  assert.match(registered, /61\.36%/);
  assert.match(registered, /45\.22%/);
  assert.match(registered, /\+3\.03/);
  const arrived = await page.getByTestId('summary-arrived').innerText();
  assert.match(arrived, /43\.83%/);
  assert.match(arrived, /30\.20%/);
  assert.match(arrived, /−28\.13/);
  assert.match(arrived, /后5个月每月需\s+2636\s+4754/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a reload keeps the place scrolled to in the 通报表 (drawn after the first frame on a visit)', async () => {
  const page = await app.open();
  await page.getByTestId('results-table').locator('tbody td.num').first().waitFor();
  // The page restores the place itself: the browser's own restoring raced the app's start.
  assert.equal(await page.evaluate(() => history.scrollRestoration), 'manual');
  await page.evaluate(() => window.scrollTo(0, 600));
  await page.waitForFunction(() => scrollY === 600);
  await page.reload();
  assert.equal(await page.evaluate(() => sessionStorage.getItem(`pace.scroll ${location.pathname}`)), '600');
  await page.waitForFunction(() => scrollY === 600);
  await page.getByTestId('results-table').locator('tbody td.num').first().waitFor();
  // A visit by the address starts at the top.
  await page.goto('about:blank');
  await page.goto(app.url);
  await page.getByTestId('results-table').locator('tbody td.num').first().waitFor();
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.context().close();
});

test('a reload shows the tab that was shown; a visit by the address starts on the 通报表', async () => {
  // A clerk entering figures who pressed F5 (or took 刷新 for a new version) landed on the
  // 通报表.
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).waitFor();
  await page.reload();
  await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('tab-entry').getAttribute('aria-selected'), 'true');
  await page.getByTestId('tab-settings').click();
  await page.reload();
  await page.getByTestId('tab-settings').and(page.locator('[aria-selected=true]')).waitFor();
  await page.goto('about:blank');
  await page.goto(app.url);
  await page.getByTestId('results-table').locator('tbody td.num').first().waitFor();
  assert.equal(await page.getByTestId('tab-results').getAttribute('aria-selected'), 'true');
  await page.context().close();
});

test('choosing another data month updates the schedule and the figures', async () => {
  const page = await app.open();
  await page.getByTestId('month').selectOption('6');
  await page.getByTestId('schedule').getByText('50.00%').waitFor();
  const registered = await page.getByTestId('summary-registered').innerText();
  // 61.36 − 50.00 = +11.36 once June is the data month.
  assert.match(registered, /\+11\.36/);
  assert.match(registered, /后6个月每月需/);
  await page.context().close();
});

/** Types into the grid cell with this accessible label, then leaves it with Tab. */
async function typeInto(page, label, text) {
  const cell = page.getByLabel(label, { exact: true });
  await cell.click();
  await cell.press('Control+A');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

test('the example words each metric, names the whole and explains a total\'s missing 同比', async () => {
  const page = await app.open();
  // 新批注册外资 is no arrival: its pace reads as completion; 实际到帐 keeps 到帐.
  const registered = await page.getByTestId('summary-registered').innerText();
  assert.match(registered, /月均完成/);
  assert.match(registered, /每月应完成/);
  assert.doesNotMatch(registered, /到帐/);
  const arrived = await page.getByTestId('summary-arrived').innerText();
  assert.match(arrived, /月均到帐/);
  assert.match(arrived, /每月应到帐/);
  // The example agrees with itself; its city's 同比 is its own.
  assert.equal(await page.getByTestId('warnings').count(), 0);
  // Without the city's own 上年同期, and its units no longer adding up to it: no rate made of
  // last year's units against this year's city, and why.
  await page.getByTestId('tab-entry').click();
  await typeInto(page, '全市 · 新批注册外资 · 上年同期', '');
  await typeInto(page, '白沙镇 · 新批注册外资 · 完成数', '100');
  assert.match(await page.getByTestId('warnings').innerText(), /全市填报 26023，各单位合计 26123/);
  assert.match(await page.getByTestId('warnings').innerText(), /全市未填上年同期，各单位上年同期合计不能代表全市，同比不计算/);
  await page.getByTestId('tab-results').click();
  const yoy = page.getByTestId('results-total').locator('td.yoy').first();
  assert.equal(await yoy.innerText(), '—');
  assert.match(await yoy.getAttribute('title'), /不计算同比/);
  await page.getByRole('button', { name: '占全市' }).first().waitFor();
  // A county: the headings follow the total's name.
  await page.getByTestId('tab-entry').click();
  const name = page.getByLabel('单位名称').first();
  await name.fill('全县');
  await name.press('Tab');
  await page.getByTestId('tab-results').click();
  await page.getByRole('button', { name: '占全县' }).first().waitFor();
  assert.equal(await page.getByRole('button', { name: '占全市' }).count(), 0);
  assert.match(await page.getByTestId('warnings').innerText(), /全县填报 26023/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
