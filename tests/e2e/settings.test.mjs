// 计划设置: the schedule override, tier and metric editing, thresholds that refuse bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPlan, smallPlan, suite } from './harness.mjs';

const app = suite();

test('a prescribed schedule for this month moves every gap', async () => {
  const page = await app.open();
  await page.getByTestId('tab-settings').click();
  const override = page.getByTestId('schedule-override');
  // Typed as a percentage, the field's own unit (a tester found `58%` refused as "not an amount").
  await override.fill('58%');
  await override.press('Tab');
  await page.getByTestId('schedule').getByText('58.00%').waitFor();
  assert.equal(await override.inputValue(), '58');
  // 61.36 − 58.00 = +3.36 instead of +3.03.
  assert.match(await page.getByTestId('summary-registered').innerText(), /\+3\.36/);
  // Another month is not affected by July's override.
  await page.getByTestId('month').selectOption('8');
  await page.getByTestId('schedule').getByText('66.67%').waitFor();
  await page.context().close();
});

test('renaming a tier and adding a metric show everywhere; undo takes them back', async () => {
  const page = await app.open();
  await page.getByTestId('tab-settings').click();
  const tier = page.getByLabel('目标名称').first();
  await tier.fill('市考核目标');
  await tier.press('Tab');
  assert.match(await page.getByTestId('summary-registered').innerText(), /市考核目标/);
  await page.getByRole('button', { name: '＋ 添加指标' }).click();
  assert.equal(await page.getByLabel('指标名称').count(), 3);
  await page.getByTestId('undo').click();
  assert.equal(await page.getByLabel('指标名称').count(), 2);
  await page.getByTestId('undo').click();
  assert.doesNotMatch(await page.getByTestId('summary-registered').innerText(), /市考核目标/);
  await page.context().close();
});

test('a metric, tier or title cleared to nothing keeps its name; a name takes at most 60 characters', async () => {
  // A blank name was kept, and the 讲评稿 read the metric's id (全市registered…, a tester).
  const page = await app.open();
  await page.getByTestId('tab-settings').click();
  const metric = page.getByLabel('指标名称').first();
  await metric.fill('');
  await metric.press('Tab');
  assert.equal(await metric.inputValue(), '新批注册外资');
  assert.match(await page.getByTestId('summary-registered').innerText(), /新批注册外资/);
  assert.equal(await page.getByTestId('undo').isDisabled(), true, 'nothing changed, nothing to undo');
  // The title likewise (a blank one printed 完成情况通报 alone).
  await page.getByTestId('title').fill('  ');
  await page.getByTestId('title').press('Tab');
  assert.equal(await page.getByTestId('title').inputValue(), '全市利用外资 1-7月');
  const tier = page.getByLabel('目标名称').first();
  await tier.fill('长'.repeat(200));
  assert.equal((await tier.inputValue()).length, 60);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a tier or metric cannot take another one\'s name; a new one gets a name of its own', async () => {
  // Two tiers of one name read 分别完成全年加压目标和加压目标 (a tester).
  const page = await app.open();
  await page.getByTestId('tab-settings').click();
  const tiers = page.getByLabel('目标名称');
  const first = await tiers.first().inputValue();
  const second = await tiers.nth(1).inputValue();
  await tiers.nth(1).fill(first);
  await tiers.nth(1).press('Tab');
  await page.getByRole('alert').filter({ hasText: '已有同名项，名称不能重复' }).waitFor();
  assert.equal(await tiers.nth(1).inputValue(), second);
  assert.equal(await tiers.nth(1).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('undo').isDisabled(), true, 'nothing changed, nothing to undo');
  // A name of its own is taken, and the message goes.
  await tiers.nth(1).fill('力争目标');
  await tiers.nth(1).press('Tab');
  await page.getByRole('alert').filter({ hasText: '已有同名项' }).waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('summary-registered').innerText(), /力争目标/);
  await page.getByRole('button', { name: '＋ 添加指标' }).click();
  await page.getByRole('button', { name: '＋ 添加指标' }).click();
  const metrics = await page.getByLabel('指标名称').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(metrics.slice(2), ['新指标', '新指标2']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a threshold that makes no sense is refused with a message, keeping the old one', async () => {
  const page = await app.open();
  await page.getByTestId('tab-settings').click();
  const red = page.getByLabel('黄：不低于（再低为红）');
  await red.fill('5');
  await red.press('Tab');
  await page.getByRole('alert').getByText('红色阈值不能高于黄色阈值').waitFor();
  assert.equal(await red.inputValue(), '-10');
  await red.fill('abc');
  await red.press('Tab');
  await page.getByRole('alert').getByText(/“abc”无法识别/).waitFor();
  // Points may be typed with a % (a tester's -5% was refused as 这里填金额); a stray % is not a
  // number, never "not an amount".
  await red.fill('-5%');
  await red.press('Tab');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid=true]'));
  assert.equal(await red.inputValue(), '-5');
  await red.fill('5%%');
  await red.press('Tab');
  await page.getByRole('alert').getByText('“5%%”无法识别：不是数字').waitFor();
  await page.context().close();
});

test('a plan dropped while a settings field holds typed text opens as it is, without a crash', async () => {
  // The field sent its change while it was removed: the new plan took the old one's typed
  // title, and the page crashed (出错了; a helper's hunt, every time, for the title, a metric's
  // name and a metric's unit). The typed text was never committed, as with a grid cell.
  const plan = smallPlan();
  for (const field of ['title', 'metric-name', 'metric-unit']) {
    const page = await app.open();
    await page.getByTestId('tab-settings').click();
    const input = {
      title: page.getByTestId('title'),
      'metric-name': page.getByLabel('指标名称').first(),
      'metric-unit': page.getByLabel('单位（空白为计划单位，如“个”）').first(),
    }[field];
    await input.fill('改了没提交');
    await importPlan(page, plan, { drop: true });
    await page.getByTestId('results-table').getByText('甲').waitFor();
    assert.equal((await page.getByTestId('plan-title').locator('.plan-title').innerText()).trim(), '只有甲的计划', field);
    await page.getByTestId('tab-settings').click();
    assert.equal(await page.getByLabel('指标名称').first().inputValue(), '新批', field);
    assert.equal(await page.getByLabel('单位（空白为计划单位，如“个”）').first().inputValue(), '', field);
    // The fields of the plan now shown edit it.
    await page.getByTestId('title').fill('甲的计划');
    await page.getByTestId('title').press('Tab');
    await page.getByTestId('plan-title').getByText('甲的计划').waitFor();
    assert.deepEqual(page.errors, [], field);
    await page.context().close();
  }
});

test('Ctrl+Z in a name field shows the name the plan keeps', async () => {
  // The typing was committed and then undone, which left the plan as it was, and the field kept
  // showing the undone text; Tab then saved nothing (a tester).
  const page = await app.open();
  await page.getByTestId('tab-settings').click();
  const metric = page.getByLabel('指标名称').nth(1);
  await metric.fill('到帐改名');
  await metric.press('Tab');
  await page.getByTestId('summary-arrived').getByText('到帐改名').waitFor();
  await metric.fill('半截');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[aria-label=指标名称]')[1]?.value === '到帐改名');
  await page.getByTestId('title').fill('半截标题');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[data-testid=title]')?.value === '全市利用外资 1-7月');
  assert.match(await page.getByTestId('summary-arrived').innerText(), /到帐改名/);
  await page.context().close();
});

test('a number setting shows the value the plan has after an undo', async () => {
  // The field kept showing the undone value (a review).
  const page = await app.open();
  await page.getByTestId('tab-settings').click();
  const year = page.getByTestId('year');
  await year.fill('2027');
  await year.press('Tab');
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=year]')?.value === '2026');
  await page.context().close();
});
