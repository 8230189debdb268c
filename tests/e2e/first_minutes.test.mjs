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
