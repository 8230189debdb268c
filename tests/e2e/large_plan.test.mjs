// A plan of hundreds of units: the tables render only the rows in view, yet every row is
// reachable by keyboard and scrolling, and the figures stay right.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from './harness.mjs';
import { bigPlan } from '../../bench/plans.mjs';

const app = suite();
let file;

before(() => {
  file = join(mkdtempSync(join(tmpdir(), 'pace-e2e-')), 'large.pace.json');
  writeFileSync(file, JSON.stringify(bigPlan(300)));
});

async function importLarge(page) {
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('plan-title').getByText('压力测试 300个单位').waitFor();
}

test('Enter walks down past the rendered rows of a long grid', async () => {
  const page = await app.open();
  await importLarge(page);
  await page.getByTestId('tab-entry').click();
  await page.getByTestId('unit-grid').waitFor();
  const rendered = await page.locator('[data-testid=unit-grid] tbody tr:not(.spacer)').count();
  assert.ok(rendered > 0);
  assert.ok(rendered < 100, `only the rows in view are rendered (${rendered})`);
  await page.getByLabel('单位1 · 新批注册外资 · 完成数', { exact: true }).click();
  for (let i = 0; i < 60; i++) await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  assert.equal(focused, '单位61 · 新批注册外资 · 完成数');
  // Typing there updates that unit, and the total follows.
  const earlier = await page.getByTestId('summary-registered').innerText();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('123456');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.getByTestId('summary-registered').innerText(), earlier);
  assert.equal(
    await page.getByLabel('单位61 · 新批注册外资 · 完成数', { exact: true }).inputValue(),
    '123456',
  );
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the results table of a long plan sorts all units, not only those in view', async () => {
  const page = await app.open();
  await importLarge(page);
  await page.getByTestId('tab-entry').click();
  const cell = page.getByLabel('单位2 · 新批注册外资 · 完成数', { exact: true });
  await cell.click();
  await cell.press('Control+A');
  await page.keyboard.type('999999');
  await page.keyboard.press('Tab');
  await page.getByTestId('tab-results').click();
  await page.getByRole('button', { name: '完成数' }).first().click();
  const first = page.locator('[data-testid=results-table] tbody.virtual tr[data-unit]').first();
  assert.equal(await first.getAttribute('data-unit'), 'u2');
  assert.match(await first.innerText(), /999999/);
  // 位次 of 新批注册外资 (ranked by 考核目标 completion by default): first of all 300.
  assert.equal(await first.locator('td.rank').first().innerText(), '1');
  await page.context().close();
});
