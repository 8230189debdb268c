// Spreadsheet round trip: a block copied from Excel/WPS pasted into the grid with a preview and
// nothing applied until confirmed; the results table copied as TSV and exported as CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { suite } from './harness.mjs';

const app = suite();

/** Pastes `text` into the grid cell labelled `label`, as the clipboard would. */
async function pasteInto(page, label, text) {
  const cell = page.getByLabel(label, { exact: true });
  await cell.focus();
  await cell.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

// The 通报 sheet as Excel copies it: metric names merged over two header rows, 序号, a 合计 row,
// a 小计 row, a derived column, full-width digits, 万/亿, — and a bad cell.
const SHEET = [
  '序号\t单位\t新批注册外资\t\t\t注册外资实际到帐\t',
  '\t\t完成数\t考核目标\t考核目标完成率\t完成数\t上年同期',
  '\t合计\t2.7亿\t42410\t63.66%\t10282\t7712',
  '\t开发区小计\t15000\t\t\t\t',
  '1\t开发区\t１５０００\t24000\t62.50%\t4762\t—',
  '2\t临港镇\t3,500\t5000\t70.00%\t12a\t',
  '',
].join('\r\n');

test('a pasted sheet is previewed, applied only on confirm, and undone in one step', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await pasteInto(page, '开发区 · 新批注册外资 · 完成数', SHEET);
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  // 全市 27000 (was 26023; its target and 上年同期 as they were), 开发区 15000 (was 14202) and
  // its last year cleared by —, 临港镇 new with 3500 and 5000; the 小计 row skipped; 12a refused
  // with its place.
  assert.match(await page.getByTestId('paste-summary').innerText(), /将修改 5 处，新增 1 个单位；1 个单元格无法识别/);
  const problems = await page.getByTestId('paste-problems').innerText();
  assert.match(problems, /第6行第6列（临港镇 · 注册外资实际到帐 完成数）“12a”无法识别：不是数字/);
  assert.match(problems, /第4行 开发区小计：小计由 Pace 计算/);
  // Nothing has changed yet.
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '14202');
  await page.getByTestId('paste-apply').click();
  await preview.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '15000');
  assert.equal(await page.getByLabel('全市 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '27000');
  assert.equal(await page.getByLabel('临港镇 · 新批注册外资 · 考核目标', { exact: true }).inputValue(), '5000');
  assert.equal(await page.getByLabel('开发区 · 注册外资实际到帐 · 上年同期', { exact: true }).inputValue(), '');
  // One undo takes the whole paste back.
  await page.getByTestId('undo').click();
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '14202');
  assert.equal(await page.getByLabel('临港镇 · 新批注册外资 · 完成数', { exact: true }).count(), 0);
  await page.context().close();
});

test('cancel changes nothing; 空白视为0 turns a column\'s blanks into 0', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  const block = '单位\t新批注册外资完成数\t新批注册外资上年同期\r\n开发区\t15000\t\r\n';
  await pasteInto(page, '开发区 · 新批注册外资 · 完成数', block);
  await page.getByTestId('paste-cancel').click();
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '14202');
  await pasteInto(page, '开发区 · 新批注册外资 · 完成数', block);
  // Blank last year means "not reported" (10642 → 未报) until the column's switch says 0.
  const preview = page.getByTestId('paste-preview');
  await preview.getByRole('cell', { name: '未报' }).waitFor();
  await preview.getByTestId('blank-as-zero').nth(1).check();
  await preview.getByRole('cell', { name: '0', exact: true }).waitFor();
  await page.getByTestId('paste-apply').click();
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 上年同期', { exact: true }).inputValue(), '0');
  await page.context().close();
});

test('a block without headers lands at the focused cell; one value pastes as usual', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await pasteInto(page, '开发区 · 新批注册外资 · 考核目标', '25000\t36000\r\n');
  await page.getByTestId('paste-apply').click();
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 考核目标', { exact: true }).inputValue(), '25000');
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 加压目标', { exact: true }).inputValue(), '36000');
  // A single value is not a block: no preview.
  await pasteInto(page, '开发区 · 新批注册外资 · 完成数', '15000');
  assert.equal(await page.getByTestId('paste-preview').count(), 0);
  await page.context().close();
});

test('the results table copies as TSV and exports as CSV that Excel reads', async () => {
  const page = await app.open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-table').click();
  await page.getByTestId('copy-table').getByText('已复制').waitFor();
  const tsv = await page.evaluate(() => navigator.clipboard.readText());
  const rows = tsv.split('\r\n').map((r) => r.split('\t'));
  assert.deepEqual(rows[0].slice(0, 3), ['序号', '单位', '新批注册外资']);
  assert.deepEqual(rows[2].slice(1, 7), ['全市', '26023', '61.36%', '45.22%', '+3.03', '-13.11']);
  // The group subtotals (the example's groups each have several units), then the units.
  assert.deepEqual(rows.slice(3, 6).map((r) => r[1]), ['园区小计', '乡镇小计', '部门小计']);
  assert.deepEqual(rows[6].slice(0, 4), ['1', '开发区', '14202', '59.18%']);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  assert.equal(download.suggestedFilename(), '全市利用外资 1-7月-通报表.csv');
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString('utf8');
  assert.equal(csv.replaceAll(',', '\t'), tsv);
  await page.context().close();
});
