// 讲评稿 (issue 11): the speech's sentences with every figure filled in, following the data,
// copied as text and as HTML, and printed after the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

const app = suite();

test('the briefing reads the speech’s sentences with every figure, follows the data and copies', async () => {
  const page = await app.open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('tab-briefing').click();
  const briefing = page.getByTestId('briefing');
  const text = await briefing.innerText();
  for (const phrase of [
    // The example's total has its own 上年同期, so its 同比 is read out too.
    '1-7月份，全市新批注册外资2.60亿美元，同比增长22.39%，分别完成全年考核目标和加压目标的61.36%和45.22%，超考核目标序时进度3.03个百分点，离加压目标序时进度还相差13.11个百分点',
    '平均月到帐1297万美元（不含上年结余1200万美元），而按全年目标每月应平均到帐1955万美元和2838万美元，月均少658万美元和1541万美元',
    '在接下来的5个月中，至少每月平均到帐2636万美元和4754万美元，才能完成全年考核目标和加压目标',
  ]) {
    assert.ok(text.includes(phrase), `the briefing says: ${phrase}\n\n${text}`);
  }
  assert.doesNotMatch(text, /—|NaN|undefined|的%|，，/);
  // Ticking a unit gives it a paragraph; the option is saved with the plan (undoable).
  await page.getByText('单独讲评的单位和分组').click();
  await briefing.getByText(/^开发区新批注册外资1\.42亿美元/).waitFor({ state: 'detached' }).catch(() => {});
  await page.locator('label', { hasText: /^开发区$/ }).locator('input').check();
  await briefing.getByText(/开发区新批注册外资1\.42亿美元，同比增长33\.45%，占全市完成数的54\.57%/).waitFor();
  // Rounding up to the hundred, as the speech does.
  await page.getByLabel('每月需求额向上取整到百').check();
  await briefing.getByText(/至少每月平均到帐2700万美元/).waitFor();
  // The text follows the data: a new figure is in the briefing at once.
  await page.getByTestId('tab-entry').click();
  const cell = page.getByLabel('全市 · 新批注册外资 · 完成数', { exact: true });
  await cell.fill('30000');
  await cell.press('Enter');
  await page.getByTestId('tab-briefing').click();
  await briefing.getByText(/全市新批注册外资3\.00亿美元/).waitFor();
  // Copies: plain text with its paragraphs, and HTML for Word.
  await page.getByTestId('briefing-copy').click();
  await page.getByTestId('briefing-copy').getByText('已复制').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.includes('全市新批注册外资3.00亿美元'));
  assert.ok(copied.split('\n').filter((l) => l.trim()).length >= 3, 'paragraphs are lines');
  await page.getByTestId('briefing-copy-html').click();
  await page.getByTestId('briefing-copy-html').getByText('已复制').waitFor();
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return (await item.getType('text/html')).text();
  });
  assert.match(html, /<p>1-7月份，全市新批注册外资3\.00亿美元/);
  await page.context().close();
});

test('in English the briefing is English, from the same figures', async () => {
  const page = await app.open();
  await page.getByTestId('lang').click();
  await page.getByTestId('tab-briefing').click();
  const text = await page.getByTestId('briefing').innerText();
  assert.match(text, /260\.23 million USD/);
  assert.match(text, /61\.36% and 45\.22%/);
  await page.context().close();
});
