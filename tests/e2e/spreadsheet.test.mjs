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

// The 通报 sheet as Excel copies it: metric names merged over two header rows, 序号, a 全市合计 row,
// a 小计 row, a derived column, full-width digits, 万/亿, — and a bad cell.
const SHEET = [
  '序号\t单位\t新批注册外资\t\t\t注册外资实际到帐\t',
  '\t\t完成数\t考核目标\t考核目标完成率\t完成数\t上年同期',
  '\t全市合计\t2.7亿\t42410\t63.66%\t10282\t7712',
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
  // The city's figures changing is said first, and its change heads the list.
  assert.match(await page.getByTestId('paste-notes').first().innerText(), /^将修改全市的 1 项数字（列在下表最前）/);
  assert.match(await preview.locator('.paste-changes tbody tr').first().innerText(), /^全市\s+新批注册外资 · 完成数\s+26023\s+27000/);
  const problems = await page.getByTestId('paste-problems').innerText();
  assert.match(problems, /第6行第6列（临港镇 · 注册外资实际到帐 完成数）“12a”无法识别：不是数字/);
  // Rows skipped for what they are are told apart from problems (not in red).
  const skipped = await page.getByTestId('paste-skipped').innerText();
  assert.match(skipped, /第4行 开发区小计：小计由 Pace 计算/);
  assert.doesNotMatch(problems, /小计由 Pace 计算/);
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

// A tester pasted a town sheet ending in 合计 into the city's plan: the towns' total replaced the
// city's figures, and the preview listed that change last, out of sight.
test('a town sheet\'s 合计 is checked against its rows, never put over the city\'s figures', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(() =>
    navigator.clipboard.writeText('单位\t新批注册外资\r\n开发区\t15000\r\n三星镇\t300\r\n合计\t15400\r\n'),
  );
  await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).click();
  await page.keyboard.press('Control+V');
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  assert.match(await page.getByTestId('paste-summary').innerText(), /将修改 2 处，新增 1 个单位/);
  assert.match(
    await page.getByTestId('paste-skipped').innerText(),
    /第4行 合计：表中缺少本计划的部分单位，这是表中各行的合计，只作核对，不作为全市数导入（若它就是全市数，把名称改为“全市合计”再粘贴）/,
  );
  // 15000 + 300 is not 15400: said against the sheet's rows.
  assert.match(await page.getByTestId('paste-problems').innerText(), /合计.*15400.*15300/);
  await page.getByTestId('paste-apply').click();
  await preview.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '15000');
  assert.equal(await page.getByLabel('全市 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '26023');
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
  // Without headers the preview names each column by its place in the grid (it said `6 →`).
  const headings = await page.getByTestId('paste-column').locator('.heading').allInnerTexts();
  assert.deepEqual(headings, ['第6列', '第7列']);
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

/** What each pasted column is imported as: the preview's choice per column. */
const chosenRoles = (preview) =>
  preview.getByTestId('paste-choose').evaluateAll((selects) => selects.map((s) => s.selectedOptions[0]?.text ?? ''));

// A 通报 sheet as a county office publishes it (issue 12): a title and a 单位 row above two
// header rows with 当月/累计 under merged metric names, a 全市合计 row, section rows, a subtotal
// that adds up, one that does not, and a note.
const PUBLISHED = [
  '全市利用外资完成情况通报表\t\t\t\t\t\t',
  '\t\t\t\t\t\t单位：万美元',
  '序号\t单位\t新批注册外资\t\t注册外资实际到帐\t\t',
  '\t\t当月\t累计\t当月\t累计\t为考核目标的%',
  '\t全市合计\t1000\t27000\t500\t10500\t',
  '一、园区\t\t\t\t\t\t',
  '1\t开发区\t800\t15000\t300\t5000\t62.50%',
  '2\t高新区\t100\t4400\t50\t2000\t',
  '\t园区小计\t900\t19400\t350\t7000\t',
  '二、乡镇\t\t\t\t\t\t',
  '3\t城关镇\t10\t1740\t5\t645\t',
  '\t乡镇\t10\t9999\t5\t2817\t',
  '注：当月为7月份数据\t\t\t\t\t\t',
  '',
].join('\r\n');

test('a published sheet: titles, 当月/累计, 全市合计, sections and subtotals read right', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await pasteInto(page, '开发区 · 新批注册外资 · 完成数', PUBLISHED);
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  // 全市, 开发区, 高新区, 城关镇 × two metrics; no unit added (not 全市合计, 一、园区, 乡镇 …).
  assert.match(await page.getByTestId('paste-summary').innerText(), /将修改 8 处，新增 0 个单位/);
  assert.match(await page.getByTestId('paste-notes').innerText(), /第1–2行是表格标题，不导入/);
  const roles = await chosenRoles(preview);
  assert.deepEqual(roles.slice(1, 7), ['单位名称', '不导入', '新批注册外资 · 完成数', '不导入', '注册外资实际到帐 · 完成数', '不导入']);
  assert.deepEqual(await preview.getByTestId('paste-why').allInnerTexts(), [
    '序号',
    '当月数，Pace 用累计数',
    '当月数，Pace 用累计数',
    '计算得出',
  ]);
  const problems = await page.getByTestId('paste-problems').innerText();
  const skipped = await page.getByTestId('paste-skipped').innerText();
  assert.match(skipped, /第6行 一、园区：分组标题：其下尚未分组的单位归入“园区”/);
  assert.match(skipped, /第9行 园区小计：小计由 Pace 计算，不导入/);
  // 乡镇 adds up to 6040 (1740 + 1450 + 980 + 760 + 690 + 420 + 0), not 9999; its 2817 is right.
  assert.match(problems, /第12行“乡镇” · 新批注册外资 累计：表中为 9999，各单位相加为 6040/);
  assert.doesNotMatch(problems, /注册外资实际到帐 累计：表中为 2817/);
  assert.match(skipped, /第13行 注：当月为7月份数据：说明文字，不导入/);
  await page.getByTestId('paste-apply').click();
  await preview.waitFor({ state: 'detached' });
  const value = (label) => page.getByLabel(label, { exact: true }).inputValue();
  assert.equal(await value('全市 · 新批注册外资 · 完成数'), '27000');
  assert.equal(await value('开发区 · 新批注册外资 · 完成数'), '15000');
  assert.equal(await value('城关镇 · 注册外资实际到帐 · 完成数'), '645');
  assert.equal(await page.getByLabel('全市合计 · 新批注册外资 · 完成数', { exact: true }).count(), 0);
  assert.equal(await page.getByLabel('乡镇 · 新批注册外资 · 完成数', { exact: true }).count(), 0);
  await page.context().close();
});

test('on a phone: a name written short finds its unit, rows of one unit are named, the preview comes into view', async () => {
  const page = await app.open({ viewport: { width: 390, height: 844 } });
  await page.getByTestId('tab-entry').click();
  await pasteInto(
    page,
    '市工商局 · 新批注册外资 · 完成数',
    '单位\t新批注册外资（万美元）\r\n城关\t1800\r\n招商局\t300\r\n西塘镇\t1\r\n西塘镇\t2\r\n西塘\t3\r\n',
  );
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  // Focused and on screen: it opens above the cell, out of sight on a phone.
  await page.waitForFunction(() => document.activeElement?.id === 'paste-preview');
  const box = await preview.boundingBox();
  assert.ok(box.y > -box.height / 2 && box.y < 844, `the preview is in view (top at ${box.y})`);
  // 西塘 beside 西塘镇 is not 西塘镇 (its figures would overwrite the other's): a new unit, and
  // the preview says why (it was silent).
  assert.match(await page.getByTestId('paste-summary').innerText(), /新增 1 个单位/);
  const notes = await page.getByTestId('paste-notes').innerText();
  assert.match(notes, /按简称或全称对应到本计划的单位：“城关” → 城关镇；“招商局” → 市招商局/);
  assert.match(notes, /作为新单位导入：“西塘”（本表另有一行也对应西塘镇）。若是同一单位，请只留一行再粘贴/);
  // Every new unit is named, also one without figures (a footer line became one unseen).
  assert.match(notes, /新增单位：“西塘”/);
  assert.match(await page.getByTestId('paste-problems').innerText(), /第4、5行都是“西塘镇”：导入的是第5行的数/);
  await page.getByTestId('paste-apply').click();
  await page.getByTestId('paste-preview').waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('城关镇 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '1800');
  assert.equal(await page.getByLabel('市招商局 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '300');
  assert.equal(await page.getByLabel('城关 · 新批注册外资 · 完成数', { exact: true }).count(), 0);
  await page.context().close();
});

test('two columns for one field wait for a choice in the preview', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await pasteInto(
    page,
    '开发区 · 新批注册外资 · 完成数',
    '单位\t新批注册外资完成数\t新批注册外资实际完成\r\n开发区\t15000\t16000\r\n',
  );
  const preview = page.getByTestId('paste-preview');
  await page.getByTestId('paste-needs-choice').waitFor();
  assert.equal(await page.getByTestId('paste-apply').isDisabled(), true);
  await preview.getByTestId('paste-choose').nth(2).selectOption({ label: '新批注册外资 · 完成数' });
  await page.getByTestId('paste-needs-choice').waitFor({ state: 'detached' });
  assert.deepEqual(await chosenRoles(preview), ['单位名称', '不导入', '新批注册外资 · 完成数']);
  assert.deepEqual(await preview.getByTestId('paste-why').allInnerTexts(), ['未选用']);
  await page.getByTestId('paste-apply').click();
  assert.equal(await page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '16000');
  await page.context().close();
});

test('the header\'s 粘贴导入 takes a sheet into the same preview', async () => {
  const page = await app.open();
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-text').fill('单位\t1-7月新批注册外资\r\n高新区\t4500\r\n');
  await page.getByTestId('paste-confirm').click();
  await page.getByTestId('paste-preview').waitFor();
  assert.match(await page.getByTestId('paste-summary').innerText(), /将修改 1 处，新增 0 个单位/);
  await page.getByTestId('paste-apply').click();
  assert.equal(await page.getByLabel('高新区 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '4500');
  await page.context().close();
});

test('a long paste lists the first 200 lines of each list and says how many more', async () => {
  // A tester's megabytes of chat drew a line per row and froze the page for half a minute.
  const rows = (n, row) => Array.from({ length: n }, (_, i) => row(i));
  const sheet = ['单位\t1-7月新批注册外资', ...rows(250, (i) => `片区${i}小计\t1`), ...rows(230, (i) => `新单位${i}\tx${i}`)].join('\n');
  const page = await app.open();
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-text').fill(sheet);
  await page.getByTestId('paste-confirm').click();
  const preview = page.getByTestId('paste-preview');
  await preview.waitFor();
  const skipped = preview.getByTestId('paste-skipped').locator('li');
  assert.equal(await skipped.count(), 201);
  assert.match(await skipped.first().innerText(), /^第2行 片区0小计/);
  assert.equal(await skipped.last().innerText(), '……另有 50 条未列出');
  const problems = preview.getByTestId('paste-problems').locator('li');
  assert.equal(await problems.count(), 201);
  assert.equal(await problems.last().innerText(), '……另有 30 条未列出');
  // More than a file may hold is refused as it is pasted: it never reaches the box, which the
  // browser takes seconds to lay out with megabytes in it. A real paste (Ctrl+V from the
  // clipboard), so that the text would be in the box if the page let it through.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const clipboard = (text) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await preview.getByTestId('paste-cancel').click();
  await page.getByTestId('paste-import').click();
  const box = page.getByTestId('paste-text');
  await box.fill('单位');
  await clipboard('甲镇\t1\n'.repeat(1_000_000));
  await box.press('Control+V');
  const error = page.getByTestId('paste-panel').getByTestId('import-error');
  await error.getByText('无法导入“粘贴的文本（较大，未放入文本框；剪贴板中仍有）”，没有任何改动：粘贴的内容有 9 MB，一次最多 8 MB，请只粘贴需要导入的部分').waitFor();
  assert.equal(await box.inputValue(), '单位');
  // A paste that fits goes into the box as usual.
  await clipboard('\n甲镇\t1');
  await box.press('End');
  await box.press('Control+V');
  assert.equal(await box.inputValue(), '单位\n甲镇\t1');
  // A large paste over all of the box's text (the clerk's Ctrl+A, Ctrl+V after an error) goes
  // to the preview as it comes, never into the box. (It froze the page: the browser's paste over
  // a selection, and 30 000 subtotal rows each checked against every row.)
  await box.fill('有错的文字');
  await box.press('Control+A');
  await clipboard(['单位\t1-7月新批注册外资', '高新区\t4500', ...rows(30000, (i) => `片区${i}小计\t1`)].join('\n'));
  await box.press('Control+V');
  await preview.waitFor();
  assert.match(await preview.getByTestId('paste-summary').innerText(), /将修改 1 处/);
  assert.equal(await page.getByTestId('paste-panel').count(), 0);
  await page.context().close();
});

test('粘贴导入 with nothing, one word, or the plan\'s own figures says so and offers nothing to apply', async () => {
  // A tester: spaces gave a JSON error, one word too, and figures already entered an empty
  // table with 确认导入.
  const page = await app.open();
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-text').fill('  \n ');
  await page.getByTestId('paste-confirm').click();
  const error = page.getByTestId('import-error');
  await error.getByText('无法导入“粘贴的文本”，没有任何改动：文本框是空的').waitFor();
  await page.getByTestId('paste-text').fill('开发区');
  await page.getByTestId('paste-confirm').click();
  const preview = page.getByTestId('paste-preview');
  await preview.getByTestId('paste-no-headings').waitFor();
  await preview.getByTestId('paste-cancel').click();
  // 开发区's 完成数 is 14202 already.
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-text').fill('单位\t1-7月新批注册外资\r\n开发区\t14202\r\n');
  await page.getByTestId('paste-confirm').click();
  await preview.getByTestId('paste-summary').getByText(/没有要导入的改动/).waitFor();
  assert.equal(await page.getByTestId('paste-apply').count(), 0);
  assert.equal(await preview.locator('.paste-changes').isVisible(), false);
  await preview.getByTestId('paste-cancel').getByText('关闭').click();
  await preview.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('undo').isDisabled(), true);
  await page.context().close();
});

test('copies carry amounts at full precision while the screen rounds them', async () => {
  const page = await app.open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('tab-entry').click();
  const cell = page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true });
  await cell.fill('14202.12');
  await cell.press('Tab');
  await page.getByTestId('tab-results').click();
  await page.getByTestId('need-columns').check();
  const row = page.locator('tr[data-unit="devzone"]');
  assert.match(await row.innerText(), /\b14202\b/);
  await page.getByTestId('copy-table').click();
  await page.getByTestId('copy-table').getByText('已复制').waitFor();
  const rows = (await page.evaluate(() => navigator.clipboard.readText())).split('\r\n').map((r) => r.split('\t'));
  const devzone = rows.find((r) => r[1] === '开发区');
  assert.equal(devzone[2], '14202.12');
  // The copy has the screen's columns: the 后5个月每月需 ones too.
  assert.equal(rows[1][7], '后5个月每月需考核目标');
  await page.context().close();
});
