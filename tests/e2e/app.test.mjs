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
