// Spreadsheet files opened with 导入 (the page's file input): a CSV in GBK as Chinese Excel and
// WPS save it, a UTF-8 CSV with a byte-order mark, an .xlsx with merged header cells (read by
// the spreadsheet worker, loaded only then), each shown in the paste preview and applied on
// confirm; an old .xls is refused with what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from './harness.mjs';

const app = suite();

const value = (page, label) => page.getByLabel(label, { exact: true }).inputValue();

/** Opens `file` ({ name, buffer }) through the header's import input. */
async function open(page, name, buffer) {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

// 单位,新批注册外资完成数,新批注册外资考核目标 / 开发区,15000,24000 / 临港镇,3500,5000, in GBK.
const GBK_CSV = Buffer.from(
  'b5a5cebb2cd0c2c5fad7a2b2e1cde2d7cacdeab3c9cafd2cd0c2c5fad7a2b2e1cde2d7cabfbcbacbc4bfb1ea0d0a' +
    'bfaab7a2c7f82c31353030302c32343030300d0ac1d9b8dbd5f22c333530302c353030300d0a',
  'hex',
);

test('a GBK CSV opens in the preview with its Chinese intact and applies on confirm', async () => {
  // The bytes are the text above (and are not UTF-8).
  assert.match(new TextDecoder('gbk').decode(GBK_CSV), /^单位,新批注册外资完成数/);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(GBK_CSV));
  const page = await app.open();
  await open(page, '通报.csv', GBK_CSV);
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  // On 录入数据, with the units named as written.
  assert.equal(await page.getByTestId('tab-entry').getAttribute('aria-selected'), 'true');
  const text = await preview.innerText();
  assert.match(text, /开发区/);
  assert.match(text, /临港镇/);
  assert.match(text, /15000/);
  assert.match(await page.getByTestId('paste-summary').innerText(), /新增 1 个单位/);
  // Nothing changed yet.
  assert.equal(await value(page, '开发区 · 新批注册外资 · 完成数'), '14202');
  await page.getByTestId('paste-apply').click();
  await preview.waitFor({ state: 'detached' });
  assert.equal(await value(page, '开发区 · 新批注册外资 · 完成数'), '15000');
  assert.equal(await value(page, '临港镇 · 新批注册外资 · 完成数'), '3500');
  assert.equal(await value(page, '临港镇 · 新批注册外资 · 考核目标'), '5000');
  assert.equal(await page.getByTestId('import-error').count(), 0);
  await page.context().close();
});

test('a UTF-8 CSV with a byte-order mark and quoted cells opens the same way', async () => {
  const page = await app.open();
  const csv = '\ufeff单位,新批注册外资完成数,新批注册外资考核目标\r\n"开发区","15,500",24000\r\n';
  await open(page, 'utf8.csv', Buffer.from(csv, 'utf8'));
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  assert.match(await preview.innerText(), /15500/);
  assert.match(await page.getByTestId('paste-summary').innerText(), /将修改 1 处/);
  await page.getByTestId('paste-apply').click();
  await preview.waitFor({ state: 'detached' });
  // The heading was read with the BOM gone: 单位 matched, no unit named “\ufeff单位”.
  assert.equal(await value(page, '开发区 · 新批注册外资 · 完成数'), '15500');
  await page.context().close();
});

test('a sheet without headings, opened or pasted in, reads nothing and says why', async () => {
  // A tester's CSV of names and figures was read from the grid's top left: 全市 renamed 开发区,
  // its group 15000.
  const page = await app.open();
  await open(page, 'no-headings.csv', Buffer.from('开发区,15000\r\n高新区,4400\r\n', 'utf8'));
  const preview = page.getByTestId('paste-preview');
  await preview.getByTestId('paste-no-headings').getByText(/没有找到表头/).waitFor();
  assert.equal(await page.getByTestId('paste-apply').count(), 0);
  await preview.getByTestId('paste-cancel').click();
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-text').fill('开发区\t15000\r\n高新区\t4400\r\n');
  await page.getByTestId('paste-confirm').click();
  await preview.getByTestId('paste-no-headings').waitFor();
  await preview.getByTestId('paste-cancel').click();
  assert.equal(await value(page, '开发区 · 新批注册外资 · 完成数'), '14202');
  assert.equal(await page.getByTestId('undo').isDisabled(), true);
  await page.context().close();
});

test('an .xlsx with merged header cells is read by the worker into the preview', async () => {
  const page = await app.open();
  // The main page does not load the spreadsheet reader until a workbook is opened.
  const loaded = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  assert.equal(loaded.filter((p) => p.includes('sheets')).length, 0);
  const xlsx = await readFile(new URL('./fixtures/通报.xlsx', import.meta.url));
  await open(page, '通报.xlsx', xlsx);
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  assert.ok(loaded.some((p) => p.endsWith('/sheets_bg.wasm')), `worker loaded: ${loaded}`);
  const text = await preview.innerText();
  // 新批注册外资 merged over 完成数 and 考核目标: the number as typed, a formula's cached value;
  // 注册外资实际到帐 merged over 完成数 and 上年同期 (a number stored as text).
  assert.match(text, /15000\.5/);
  assert.match(text, /4762\.25/);
  assert.match(text, /临港镇/);
  // Two sheets: the first is previewed and another can be chosen.
  const choice = page.getByTestId('sheet-choice');
  await choice.waitFor();
  assert.equal(await choice.getByTestId('sheet-select').inputValue(), '0');
  await page.getByTestId('paste-apply').click();
  await preview.waitFor({ state: 'detached' });
  assert.equal(await value(page, '开发区 · 新批注册外资 · 完成数'), '15000.5');
  assert.equal(await value(page, '开发区 · 新批注册外资 · 考核目标'), '24000');
  assert.equal(await value(page, '开发区 · 注册外资实际到帐 · 完成数'), '4762.25');
  assert.equal(await value(page, '开发区 · 注册外资实际到帐 · 上年同期'), '3000');
  assert.equal(await value(page, '临港镇 · 新批注册外资 · 考核目标'), '5000');
  // The result follows: 开发区's 新批注册外资 completion is 15000.5 / 24000 = 62.50%.
  await page.getByTestId('tab-results').click();
  const row = page.getByTestId('results-table').locator('tbody tr[data-unit]', { hasText: '开发区' }).first();
  assert.match(await row.innerText(), /62\.50%/);
  await page.context().close();
});

test('another sheet of the workbook can be previewed instead', async () => {
  const page = await app.open();
  const xlsx = await readFile(new URL('./fixtures/通报.xlsx', import.meta.url));
  await open(page, '通报.xlsx', xlsx);
  await page.getByTestId('paste-preview').waitFor();
  await page.getByTestId('sheet-select').focus();
  await page.getByTestId('sheet-select').selectOption('1');
  // The 说明 sheet has one line of text and no headings: nothing is read (it was offered as
  // 全市's new name, a tester found).
  await page.getByTestId('paste-preview').getByTestId('paste-no-headings').waitFor();
  assert.equal(await page.getByTestId('paste-apply').count(), 0);
  // The choice is drawn anew, and the focus stays on it (it fell to the page, a tester found).
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'sheet-select');
  // The first sheet again.
  await page.getByTestId('sheet-select').selectOption('0');
  await page.getByTestId('paste-apply').waitFor();
  // The choice goes with the preview (it stayed up, over the cards, a tester found) …
  await page.getByTestId('paste-cancel').click();
  await page.getByTestId('paste-preview').waitFor({ state: 'detached' });
  await page.getByTestId('sheet-choice').waitFor({ state: 'detached' });
  // … and when another paste takes the preview's place (choosing a sheet replaced that paste).
  await open(page, '通报.xlsx', xlsx);
  await page.getByTestId('sheet-choice').waitFor();
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-text').fill('单位\t1-7月新批注册外资\r\n高新区\t4500\r\n');
  await page.getByTestId('paste-confirm').click();
  await page.getByTestId('paste-summary').getByText(/将修改 1 处/).waitFor();
  await page.getByTestId('sheet-choice').waitFor({ state: 'detached' });
  await page.context().close();
});

test('a table saved as text under another name opens in the preview; an empty file says so', async () => {
  // A tester's .txt and .tsv tables, and Excel's "Unicode 文本" (UTF-16), got a JSON error.
  const page = await app.open();
  const preview = page.getByTestId('paste-preview');
  const tsv = '单位\t新批注册外资完成数\r\n开发区\t15000\r\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
  for (const [name, bytes] of [
    ['通报.txt', Buffer.from(tsv, 'utf8')],
    ['通报.tsv', Buffer.from(tsv.replaceAll('\t', ','), 'utf8')],
    ['Unicode文本.txt', utf16],
    ['通报.json', Buffer.from(tsv, 'utf8')],
  ]) {
    await open(page, name, bytes);
    await preview.getByTestId('paste-summary').getByText(/将修改 1 处/).waitFor();
    assert.equal(await page.getByTestId('import-error').count(), 0, name);
    await preview.getByTestId('paste-cancel').click();
    await preview.waitFor({ state: 'detached' });
  }
  await open(page, '空.json', Buffer.from(' \n', 'utf8'));
  await page.getByTestId('import-error').getByText('无法导入“空.json”，没有任何改动：文件是空的。').waitFor();
  // A file that is no text at all is still refused as such.
  await open(page, 'picture.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
  await page.getByTestId('import-error').getByText(/UTF-8/).waitFor();
  assert.equal(await value(page, '开发区 · 新批注册外资 · 完成数'), '14202');
  await page.context().close();
});

test('an old .xls says to save it as .xlsx, and nothing happens', async () => {
  const page = await app.open();
  const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
  await open(page, '通报.xls', ole);
  const error = page.getByTestId('import-error');
  await error.waitFor();
  assert.match(await error.innerText(), /无法导入“通报\.xls”，没有任何改动：这是旧版 Excel 文件（\.xls），请在 Excel\/WPS 中另存为 \.xlsx 后再打开/);
  assert.equal(await page.getByTestId('paste-preview').count(), 0);
  // A damaged .xlsx is refused by the worker with its own message.
  await open(page, 'broken.xlsx', Buffer.from('PK\x03\x04 not a workbook'));
  await error.getByText(/不是有效的 Excel 工作簿/).waitFor();
  assert.equal(await page.getByTestId('paste-preview').count(), 0);
  await page.context().close();
});

/** The page's 通报表 rows as the screen shows them: one array of cell texts per body row. */
const screenRows = (page) =>
  page.getByTestId('results-table').locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.innerText.trim())),
  );

test('导出Excel writes the 通报表 through the writer worker; it reads back unchanged', async () => {
  const page = await app.open();
  const loaded = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  await page.getByTestId('tab-results').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-xlsx').click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  // Only the writer was loaded, not the reader.
  assert.ok(loaded.some((p) => p.endsWith('/sheets_out_bg.wasm')), `writer loaded: ${loaded}`);
  assert.ok(!loaded.some((p) => p.endsWith('/sheets_bg.wasm')), `reader not loaded: ${loaded}`);
  assert.equal(await page.getByTestId('export-xlsx-trouble').count(), 0);
  assert.equal(await page.getByTestId('export-xlsx').innerText(), '导出Excel');

  // Opened again in Pace, the file is the plan's own figures: the title and 单位 rows are
  // skipped, every unit is found and nothing would change.
  await open(page, download.suggestedFilename(), bytes);
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  assert.match(await page.getByTestId('paste-summary').innerText(), /没有要导入的改动/);
  assert.equal(await page.getByTestId('paste-apply').count(), 0);
  assert.match(await page.getByTestId('paste-notes').innerText(), /2/);
  await page.context().close();
});

const hasSoffice = spawnSync('soffice', ['--version']).status === 0;

test('the exported .xlsx opened in LibreOffice shows the figures of the page', {
  skip: !hasSoffice && 'LibreOffice (libreoffice-calc-nogui) is installed by scripts/setup.sh',
}, async () => {
  const page = await app.open();
  await page.getByTestId('tab-results').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-xlsx').click(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'pace-xlsx-'));
  const xlsx = join(dir, 'report.xlsx');
  await copyFile(await download.path(), xlsx);
  // CSV of the cells as LibreOffice shows them (44 = comma, 34 = quote, 76 = UTF-8).
  const converted = spawnSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, xlsx],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(converted.status, 0, converted.stderr);
  const csv = await readFile(join(dir, 'report.csv'), 'utf8');
  const lines = csv.split(/\r?\n/).map((line) => line.split(','));
  assert.match(lines[0][0], /完成情况/);
  assert.match(lines[1].join(''), /单位：万美元/);
  // Each row of the screen is the same row of the file, cell for cell: amounts at the screen's
  // decimals, rates as 61.36%, gaps as +3.03 (the screen's status mark ●▲▼ and its typographic
  // minus aside).
  const rows = await screenRows(page);
  assert.ok(rows.length >= 5, `${rows.length} rows`);
  const plain = (text) => text.replace(/^[●▲▼]/, '').replace(/−/g, '-');
  for (const [i, shown] of rows.entries()) {
    assert.deepEqual(lines[4 + i], shown.map(plain), `row ${i}`);
  }
  assert.match(csv, /序时进度为\d+\.\d\d%/);
  await rm(dir, { recursive: true, force: true });
  await page.context().close();
});

test('a CSV dropped on the page opens in the same preview', async () => {
  const page = await app.open();
  const csv = '单位,新批注册外资完成数\r\n开发区,15100\r\n';
  const transfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], '拖入.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  assert.match(await preview.innerText(), /15100/);
  assert.match(await page.getByTestId('paste-summary').innerText(), /将修改 1 处/);
  await page.getByTestId('paste-apply').click();
  assert.equal(await value(page, '开发区 · 新批注册外资 · 完成数'), '15100');
  await page.context().close();
});

test('a sheet with text far to the right is refused as too wide, and the page lives on', async () => {
  // Found by a tester: a stray cell at XFD1 killed the page (a preview of 16,384 columns).
  const page = await app.open();
  const header = ['单位', '新批注册外资完成数', ...Array(297).fill(''), '备注'].join(',');
  await open(page, '宽表.csv', Buffer.from(`${header}\r\n开发区,15000\r\n`, 'utf8'));
  const tooWide = page.getByTestId('paste-too-wide');
  await tooWide.waitFor();
  assert.match(await tooWide.innerText(), /表格过宽：第 300 列还有内容，最多读取 256 列/);
  await page.getByTestId('paste-cancel').click();
  assert.equal(await value(page, '开发区 · 新批注册外资 · 完成数'), '14202');
  // Trailing empty columns alone are no width: the same sheet without 备注 opens.
  const trailing = ['单位', '新批注册外资完成数', ...Array(400).fill('')].join(',');
  await open(page, '尾部空列.csv', Buffer.from(`${trailing}\r\n开发区,15000\r\n`, 'utf8'));
  await page.getByTestId('paste-summary').getByText(/将修改 1 处/).waitFor();
  await page.context().close();
});
