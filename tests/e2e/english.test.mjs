// English mode (issue 10 #10): every word the page says is English, only the plan's own data
// (its title, units, groups, metrics, tiers, amount unit) stays as the plan has it; the choice is
// remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

const app = suite();

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Every string the plan itself holds, longest first (so that 开发区小计 goes before 开发区). */
async function planWords(page) {
  const text = await page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith('pace.v1.plan.')) return localStorage.getItem(key);
    }
    return null;
  });
  const words = new Set();
  const walk = (v) => {
    if (typeof v === 'string') words.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(text));
  return [...words].filter((w) => CJK.test(w)).sort((a, b) => b.length - a.length);
}

/** The visible text and the labels a screen reader or a hover shows, without the plan's words. */
async function chineseLeft(page, words) {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText];
    for (const el of document.querySelectorAll('[title],[aria-label],[placeholder]')) {
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    for (const el of document.querySelectorAll('input[type=text], input:not([type])')) out.push(el.value);
    // Chinese on purpose, marked as such: the language switch, examples of what may be typed.
    const marked = [...document.querySelectorAll('[lang^=zh]')].map((el) => el.textContent);
    return { out, marked };
  }).then(({ out, marked }) => {
    words = [...marked.filter((m) => m).sort((a, b) => b.length - a.length), ...words];
    return out;
  });
  const left = [];
  for (let t of texts) {
    for (const w of words) t = t.split(w).join('');
    for (const line of t.split('\n')) if (CJK.test(line)) left.push(line.trim());
  }
  return [...new Set(left)];
}

test('English mode says nothing in Chinese but the plan’s own data, on every tab', async () => {
  const page = await app.open();
  await page.getByTestId('lang').click();
  await page.getByTestId('tab-results').getByText('Results').waitFor();
  await page.getByTestId('tab-what-if').click();
  await page.getByTestId('add-scenario').click();
  // Months by name, as the line above the table says them (a tester read "end of 11", "month 12").
  const whatIf = await page.getByTestId('compare').first().innerText();
  assert.doesNotMatch(whatIf, /end of \d|month \d/);
  assert.match(whatIf, /end of (Aug|Sep|Oct|Nov|Dec)/);
  await page.waitForTimeout(700); // the autosave, so that the plan's words can be read back
  const words = await planWords(page);
  const seen = {};
  for (const tab of ['tab-results', 'tab-entry', 'tab-what-if', 'tab-briefing', 'tab-settings']) {
    await page.getByTestId(tab).click();
    const left = await chineseLeft(page, words);
    if (left.length) seen[tab] = left;
  }
  await page.getByTestId('plans-menu').locator('summary').click();
  let left = await chineseLeft(page, words);
  if (left.length) seen.menu = left;
  await page.getByTestId('plans-menu').locator('summary').click();

  // A refused entry, and a pasted block with a bad cell, a skipped column and a subtotal row.
  await page.getByTestId('tab-entry').click();
  const cell = page.getByTestId('unit-grid').locator('tbody tr[data-unit]').last().locator('input.num').first();
  await cell.fill('12%');
  await cell.press('Tab');
  await page.getByTestId('entry-notice').getByText('not accepted').waitFor();
  const name = page.getByTestId('unit-grid').locator('input.name').first();
  await name.focus();
  await name.evaluate((el) => {
    const data = new DataTransfer();
    const block = '单位\t新批注册外资完成数\t考核目标完成率\t奇怪的列\n开发区\t12a\t50%\t1\n小计\t1\t\t\n';
    data.setData('text/plain', block);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.getByTestId('paste-preview').waitFor();
  // What the person pasted is their own data too.
  const pasted = ['新批注册外资完成数', '考核目标完成率', '奇怪的列', '小计', '单位 →', 'Import as: 单位'];
  left = await chineseLeft(page, [...pasted, ...words]);
  if (left.length) seen.refusals = left;
  assert.deepEqual(seen, {}, JSON.stringify(seen, null, 1));
  await page.context().close();
});

test('the language chosen is remembered after a reload', async () => {
  const page = await app.open();
  await page.getByTestId('lang').click();
  await page.getByTestId('tab-results').getByText('Results').waitFor();
  await page.reload();
  await page.getByTestId('tab-results').getByText('Results').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByTestId('lang').click();
  await page.reload();
  await page.getByTestId('tab-results').getByText('通报表').waitFor();
  await page.context().close();
});
