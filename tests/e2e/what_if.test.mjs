// 假设分析: inverse questions, scenarios compared with the run rate, and the charts following
// every change — typed the way a person does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { importPlan, smallPlan, suite } from './harness.mjs';

const app = suite();

/** The comparison table of a metric as rows of cell texts. */
async function comparison(page, metric) {
  const rows = page.getByTestId(`what-if-${metric}`).getByTestId('compare').locator('tbody tr');
  // The tab's code may still be on its way (it is fetched after the first frame).
  await rows.first().waitFor();
  return rows.evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
}

test('the inverse questions answer from the data', async () => {
  const page = await app.open();
  await page.getByTestId('tab-what-if').click();
  const arrived = page.getByTestId('what-if-1');
  // (23460 − 10282) / 5 = 2635.6 → 2636, SPEC §7's 后5个月每月需.
  assert.equal(await arrived.getByTestId('needed').innerText(), '2636');
  // 80%: (18768 − 10282) / 5 = 1697.2 → 1697.
  await arrived.getByTestId('needed-percent').fill('80');
  await arrived.getByTestId('needed').getByText('1697', { exact: true }).waitFor();
  // Back on schedule by December is the required future monthly (SPEC §3).
  await page.getByTestId('by-month').selectOption('12');
  assert.match(await arrived.getByTestId('catch-up').innerText(), /考核目标 2636 · 加压目标 4754/);
  await page.context().close();
});

test('a uniform future amount moves the projection, the comparison and the chart', async () => {
  const page = await app.open();
  await page.getByTestId('tab-what-if').click();
  // The base: the run rate (SPEC §7: 16769, 71.48%).
  let rows = await comparison(page, 1);
  assert.deepEqual(rows[0].slice(0, 4), ['按目前进度', '16769', '71.48%', '年内完不成']);

  await page.getByTestId('add-scenario').click();
  const every = page.getByLabel('全市 · 注册外资实际到帐 · 每月', { exact: true });
  await every.fill('3000');
  await every.press('Tab');
  // 10282 + 5 × 3000 = 25282: 107.77% of 23460, reached in December; at October 19282 against
  // 19550 due: 差 268.
  await page.getByTestId('what-if-1').getByTestId('compare').getByText('25282', { exact: true }).waitFor();
  rows = await comparison(page, 1);
  assert.deepEqual(rows[1], ['方案1', '25282', '107.77%', '12月', '74.25%', '年内完不成', '差 268', '差 9093']);
  const values = page.getByTestId('burn-up-1').getByTestId('chart-values');
  assert.match(await values.innerText(), /方案1：7月 10282，8月 13282，9月 16282，10月 19282，11月 22282，12月 25282/);
  assert.equal(await page.getByTestId('burn-up-1').locator('g.series.scenario polyline').count(), 1);

  // Change it: 2000 a month gives 20282, 86.45%, not reached this year.
  await every.fill('2000');
  await every.press('Tab');
  await page.getByTestId('what-if-1').getByTestId('compare').getByText('20282', { exact: true }).waitFor();
  rows = await comparison(page, 1);
  assert.deepEqual(rows[1].slice(0, 4), ['方案1', '20282', '86.45%', '年内完不成']);
  assert.match(await values.innerText(), /12月 20282/);

  // A wrong entry says so and keeps 2000.
  await every.fill('2000万元');
  await every.press('Tab');
  await page.getByRole('alert').getByText(/币种与单位“万美元”不符/).waitFor();
  assert.equal((await comparison(page, 1))[1][1], '20282');

  // Undo takes the change back to 3000.
  await page.getByTestId('undo').click();
  await page.getByTestId('what-if-1').getByTestId('compare').getByText('25282', { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a unit slipping a quarter moves the total; scenarios are saved and exported', async () => {
  const page = await app.open();
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('add-scenario').click();
  await page.getByTestId('scenario-add-unit').nth(1).selectOption({ label: '开发区' });
  // Listed with nothing set, it changes nothing: the scenario equals the run rate.
  await page.getByLabel('开发区 · 注册外资实际到帐 · 8月', { exact: true }).waitFor();
  let rows = await comparison(page, 1);
  assert.equal(rows[1][1], rows[0][1]);
  for (const k of [8, 9, 10]) {
    const cell = page.getByLabel(`开发区 · 注册外资实际到帐 · ${k}月`, { exact: true });
    await cell.fill('0');
    await cell.press('Tab');
  }
  // The total's run rate less three months of 开发区's (4762 / 7 each): 16769 − 2041 = 14728.
  await page.getByTestId('what-if-1').getByTestId('compare').getByText('14728', { exact: true }).waitFor();
  rows = await comparison(page, 1);
  assert.equal(rows[1][1], '14728');

  // Saved with the plan, and exported as the optional `scenarios` key.
  await page.getByTestId('data-status').getByText(/已保存/).waitFor();
  await page.reload();
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('what-if-1').getByTestId('compare').getByText('14728', { exact: true }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export').click(),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(doc.scenarios, [
    {
      id: 's1',
      name: '方案1',
      inflows: [{ unit: 'devzone', metric: 'arrived', months: [null, null, null, null, null, null, null, 0, 0, 0] }],
    },
  ]);
  await page.context().close();
});

test('the completion bars show each unit against the schedule, with their values', async () => {
  const page = await app.open();
  await page.getByTestId('tab-what-if').click();
  const bars = page.getByTestId('bars-0');
  assert.match(await bars.locator('figcaption').innerText(), /序时进度 58\.33%/);
  // The example's 12 units, 新批注册外资: 8 on schedule, 北山镇 and 市招商局 within 10 points,
  // 新桥镇 and 白沙镇 further behind.
  assert.equal(await bars.locator('g.bar').count(), 12);
  assert.equal(await bars.locator('g.bar.status-green').count(), 8);
  assert.equal(await bars.locator('g.bar.status-yellow').count(), 2);
  assert.equal(await bars.locator('g.bar.status-red').count(), 2);
  assert.match(await bars.locator('g.bar title').first().textContent(), /开发区：59\.18%，比序时 \+0\.85/);
  await page.context().close();
});

test('monthly entries show 当月, 累计 and 环比, and say whether they add up', async () => {
  const page = await app.open();
  await page.getByTestId('tab-what-if').click();
  const monthly = page.getByTestId('monthly');
  await monthly.getByTestId('monthly-metric').selectOption({ label: '注册外资实际到帐' });
  await monthly.getByTestId('monthly-unit').selectOption({ label: '开发区' });
  const amounts = ['500', '800', '600', '０', '1,000', '862', '1000'];
  for (const [i, text] of amounts.entries()) {
    const cell = page.getByLabel(`开发区 · 注册外资实际到帐 · ${i + 1}月当月`, { exact: true });
    await cell.fill(text);
    await cell.press('Tab');
  }
  const cumulative = await monthly.getByTestId('monthly-cumulative').locator('td').allInnerTexts();
  assert.deepEqual(cumulative, ['500', '1300', '1900', '1900', '2900', '3762', '4762']);
  const mom = await monthly.getByTestId('monthly-mom').locator('td').allInnerTexts();
  assert.deepEqual(mom, ['—', '60.00%', '−25.00%', '−100.00%', '—', '−13.80%', '16.01%']);
  await monthly.getByTestId('monthly-check').getByText('各月合计与完成数一致。').waitFor();
  // One month off: the page says so here and in 数据提示.
  const july = page.getByLabel('开发区 · 注册外资实际到帐 · 7月当月', { exact: true });
  await july.fill('900');
  await july.press('Tab');
  await monthly.getByTestId('monthly-check').getByText(/各月合计 4662，完成数 4762：不一致/).waitFor();
  await page.context().close();
});

test('a plan without units says so in 月度数据 instead of boxes whose entries go nowhere', async () => {
  // A tester typed into them and nothing happened.
  const page = await app.open();
  await importPlan(page, smallPlan({ title: '还没有单位', units: [] }));
  await page.getByTestId('plan-title').getByText('还没有单位').waitFor();
  await page.getByTestId('tab-what-if').click();
  const monthly = page.getByTestId('monthly');
  await monthly.getByTestId('monthly-empty').getByText('计划还没有单位').waitFor();
  assert.equal(await monthly.locator('input').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
