// Plans in and out through the real page: export → import → export byte for byte, imports that
// never overwrite, refused documents that change nothing, names that stay text, share links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { importPlan, openApp, smallPlan, suite } from './harness.mjs';
import { bigPlan } from '../../bench/plans.mjs';

const app = suite();
const dir = await mkdtemp(join(tmpdir(), 'pace-e2e-'));

async function exportText(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export').click(),
  ]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

async function savedTitles(page) {
  await page.getByTestId('plan-title').click();
  const titles = await page.getByTestId('saved-plan').allInnerTexts();
  await page.getByTestId('plan-title').click();
  return titles.map((t) => t.split('\n')[0].trim());
}

test('export → import → export is byte-identical through the page', async () => {
  const page = await app.open();
  const first = await exportText(page);
  assert.equal(first.name, '全市利用外资 1-7月.pace.json');
  assert.match(first.text, /^\{\n  "format": "pace-plan",\n  "version": 1,/);
  const file = join(dir, first.name);
  await writeFile(file, first.text);
  // Into a browser profile with nothing saved: the plan comes in as it was.
  const fresh = await app.open();
  await fresh.getByTestId('import-file').setInputFiles(file);
  await fresh.getByTestId('data-status').getByText(/已保存/).waitFor();
  const second = await exportText(fresh);
  assert.equal(second.text, first.text);
  // The export is remembered on the data line.
  await fresh.getByTestId('data-status').getByText(/最近导出：\d\d-\d\d \d\d:\d\d/).waitFor();
  await page.context().close();
  await fresh.context().close();
});

test('an import never overwrites: it opens as a new plan, and keeps its title even when taken', async () => {
  // A taken title got " (2)", which then printed in the 通报's headline (a tester). The list
  // tells the two apart by when each was saved.
  const page = await app.open();
  const { name, text } = await exportText(page);
  const file = join(dir, `again-${name}`);
  await writeFile(file, text);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('plan-title').getByText('全市利用外资 1-7月').waitFor();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('plan-title').click();
  await page.getByTestId('saved-plan').nth(1).waitFor();
  const rows = await page.getByTestId('saved-plan').locator('.plan-name').allInnerTexts();
  await page.getByTestId('plan-title').click();
  assert.equal(rows.length, 2);
  for (const row of rows) assert.match(row, /^全市利用外资 1-7月\s*保存于 \d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.equal((await page.getByTestId('plan-title').locator('.plan-title').innerText()).trim(), '全市利用外资 1-7月');
  // Looked at next year, the time says its year (a plan from last December read as this one).
  const year = new Date().getFullYear();
  await page.clock.setFixedTime(new Date(Date.now() + 400 * 24 * 3600 * 1000));
  await page.getByTestId('plan-title').click();
  const later = await page.getByTestId('saved-plan').locator('.plan-name').allInnerTexts();
  await page.getByTestId('plan-title').click();
  for (const row of later) assert.match(row, new RegExp(`保存于 ${year}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$`));
  // Nothing of it is cut off, in the longer English either (its seconds were, at 1366).
  await page.getByTestId('lang').click();
  await page.getByTestId('plan-title').click();
  await page.getByTestId('saved-plan').nth(1).waitFor();
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=saved-plan] .plan-name')].filter((e) => e.scrollWidth > e.clientWidth).length,
  );
  assert.equal(cut, 0);
  await page.context().close();
});

test('pasted text and a dropped file import too', async () => {
  const page = await app.open();
  const { text } = await exportText(page);
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-text').fill(text.replace('全市利用外资 1-7月', '粘贴的计划'));
  await page.getByTestId('paste-confirm').click();
  await page.getByTestId('plan-title').getByText('粘贴的计划').waitFor();
  await importPlan(page, text.replace('全市利用外资 1-7月', '拖入的计划'), { drop: true });
  await page.getByTestId('plan-title').getByText('拖入的计划').waitFor();
  assert.deepEqual(await savedTitles(page), ['粘贴的计划', '拖入的计划']);
  await page.context().close();
});

test('two files dropped at once import neither, and the page says why', async () => {
  // The first alone was imported, without a word about the other.
  const page = await app.open();
  await page.getByTestId('data-status').waitFor();
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  await page.evaluate(([a, b]) => {
    const data = new DataTransfer();
    data.items.add(new File([a], '甲.pace.json', { type: 'application/json' }));
    data.items.add(new File([b], '乙.pace.json', { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [JSON.stringify(smallPlan({ title: '甲计划' })), JSON.stringify(smallPlan({ title: '乙计划' }))]);
  const error = page.getByTestId('import-error');
  await error.waitFor();
  assert.match(await error.innerText(), /没有导入拖入的 2 个文件：一次只能拖入一个文件，请逐个拖入。/);
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
  await page.context().close();
});

test('a malformed, wrong or oversized document is refused with its path; nothing changes', async () => {
  const page = await app.open();
  const { text } = await exportText(page);
  await page.getByTestId('tab-entry').click();
  const cell = page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true });
  await cell.fill('15000');
  await cell.press('Tab');
  await page.getByTestId('data-status').getByText(/已保存/).waitFor();
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  // Chinese Windows saves "ANSI" text as GBK: 开发区 in GBK is not UTF-8.
  const at = text.indexOf('开发区');
  const gbk = Buffer.concat([
    Buffer.from(text.slice(0, at)),
    Buffer.from([0xbf, 0xaa, 0xb7, 0xa2, 0xc7, 0xf8]),
    Buffer.from(text.slice(at + 3)),
  ]);
  const cases = [
    ['broken.json', text.slice(0, 200), /文本不完整，在第\d+行第\d+列中断/],
    [
      'wrong.json',
      text.replace('"actual": 14202', '"actual": "很多"'),
      /第2个单位“开发区”的新批注册外资·完成数：应为数字。\s*位置：units\[1\]\.figures\.registered\.actual/,
    ],
    ['newer.json', text.replace('"version": 1', '"version": 9'), /此文件由更新版本的 Pace 生成（格式版本 9，/],
    ['big.json', text + ' '.repeat(8 * 1024 * 1024), /文件有 9 MB，Pace 计划文件最大 8 MB/],
    ['gbk.json', gbk, /文件不是 UTF-8 文本/],
    ['utf16.json', Buffer.from(`\ufeff${text}`, 'utf16le'), /文件是 UTF-16 编码/],
    // A .json that holds no object is read as a plan, not as a sheet (没有找到表头, a tester's).
    ['null.pace.json', 'null', /这不是 Pace 计划文件/],
    ['list.pace.json', '[]', /这不是 Pace 计划文件/],
  ];
  for (const [name, body, why] of cases) {
    const file = join(dir, name);
    await writeFile(file, body);
    await page.getByTestId('import-file').setInputFiles(file);
    const error = page.getByTestId('import-error');
    await error.getByText(new RegExp(`无法导入“${name.replace('.', '\\.')}”，没有任何改动`)).waitFor();
    assert.match(await error.innerText(), why);
    // The message is Chinese throughout: no parser text (`expected`, `line`, `newer`) inside it.
    const words = (await error.locator('.fault-text').innerText()).replace(name, '');
    assert.doesNotMatch(words, /expected|line|column|newer|invalid/i);
  }
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
  assert.equal(await cell.inputValue(), '15000');
  // The error closes on Esc, focus back on 导入 (as 打印's message and the header's panels);
  // a file chosen in the browser's dialog leaves focus on 导入 (Playwright's leaves it put).
  await page.getByTestId('import').focus();
  await page.keyboard.press('Escape');
  await page.getByTestId('import-error').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'import');
  await page.context().close();
});

test('names with markup are shown as text, never run', async () => {
  const page = await app.open();
  const { text } = await exportText(page);
  const hostile = text
    .replace('"name": "开发区"', '"name": "<img src=x onerror=\\"window.__pwned=1\\">开发区"')
    .replace('全市利用外资 1-7月', '<script>window.__pwned=2</script>');
  const file = join(dir, 'hostile.json');
  await writeFile(file, hostile);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('plan-title').getByText('<script>window.__pwned=2</script>').waitFor();
  await page.getByText('<img src=x onerror="window.__pwned=1">开发区').first().waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  await page.context().close();
});

test('a share link opens the plan as an unsaved copy and leaves saved plans alone', async () => {
  const page = await app.open();
  const { text } = await exportText(page);
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#plan=[A-Za-z0-9_-]+$/);
  // Anyone can read the link back: deflate-raw, base64url, the canonical JSON.
  const code = link.split('#plan=')[1];
  assert.equal(inflateRawSync(Buffer.from(code, 'base64url')).toString('utf8'), text);
  assert.equal(await page.getByTestId('share-long').count(), 0);

  // A colleague with a saved plan of their own opens it.
  const other = await app.open();
  await other.getByTestId('tab-entry').click();
  const cell = other.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true });
  await cell.fill('15000');
  await cell.press('Tab');
  await other.getByTestId('data-status').getByText(/已保存/).waitFor();
  const saved = await other.evaluate(() => JSON.stringify(localStorage));
  await other.goto(link);
  await other.getByTestId('plan-title').getByText('分享的副本').waitFor();
  await other.getByTestId('tab-entry').click();
  assert.equal(await other.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true }).inputValue(), '14202');
  assert.equal(await other.evaluate(() => JSON.stringify(localStorage)), saved);
  assert.equal(await other.evaluate(() => location.hash), '');
  // Opened in a new tab with nothing saved: the copy is shown, and nothing is written until it
  // is changed.
  const fresh = await openApp(app.browser, link);
  await fresh.getByTestId('plan-title').getByText('分享的副本').waitFor();
  assert.equal(await fresh.evaluate(() => localStorage.length), 0);
  // The link pasted into 粘贴导入 opens the same (a review: it was read as a sheet), also with
  // a chat message's words around it (a tester: "no headings").
  await other.goto(app.url);
  await other.getByTestId('paste-import').click();
  await other.getByTestId('paste-text').fill(`7月进度请看：${link}，谢谢！\n`);
  await other.getByTestId('paste-confirm').click();
  await other.getByTestId('plan-title').getByText('分享的副本').waitFor();
  assert.equal(await other.getByTestId('paste-panel').count(), 0);
  assert.equal(await other.getByTestId('import-error').count(), 0);
  // Two different links: which one is not guessed, and the box keeps them to mend.
  await other.goto(app.url);
  await other.getByTestId('paste-import').click();
  const two = `七月 ${link}\n八月 ${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
  await other.getByTestId('paste-text').fill(two);
  await other.getByTestId('paste-confirm').click();
  await other.getByTestId('import-error').getByText(/几个不同的分享链接，请只留下要打开的那一个/).waitFor();
  assert.equal(await other.getByTestId('paste-text').inputValue(), two);
  assert.equal(await other.getByTestId('plan-title').getByText('分享的副本').count(), 0);
  // A link whose code carries base64 padding (`=`, some tools add it) opens the same.
  const padding = '='.repeat((4 - (code.length % 4)) % 4) || '==';
  const padded = await openApp(app.browser, `${link}${padding}`);
  await padded.getByTestId('plan-title').getByText('分享的副本').waitFor();
  assert.equal(await padded.getByTestId('link-error').count(), 0);
  await padded.context().close();
  await page.context().close();
  await other.context().close();
  await fresh.context().close();
});

test('a cut or broken link says so and changes nothing', async () => {
  // Opened in a new tab (a fresh page load), a link cut short in a chat app.
  const page = await openApp(
    app.browser,
    `${app.url}#plan=q1YqSizOTFGyMjIw0FFKLUrPTS1RslIqzsgvzUlRMjQwNDCwNDYwNTFKSlGqBQA`,
  );
  const error = page.getByTestId('link-error');
  await error.getByText(/分享链接无法打开（可能被截断），没有任何改动：/).waitFor();
  assert.match(await error.locator('.fault-text').innerText(), /：(链接内容不完整或已被改动|不是有效的 JSON 文本|文本不完整)/);
  assert.doesNotMatch(await error.locator('.fault-text').innerText(), /expected|line|column|invalid|error/i);
  await page.getByTestId('plan-title').getByText('示例').waitFor();
  // It can be closed (it stayed up until a good link came, a tester found).
  await error.getByRole('button', { name: '关闭' }).click();
  await error.waitFor({ state: 'detached' });
  await page.context().close();
});

test('a link a chat mangled opens from 粘贴导入; one that cannot open keeps the text beside its message', async () => {
  const page = await app.open();
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  const paste = async (text) => {
    await page.goto(app.url);
    await page.getByTestId('paste-import').click();
    await page.getByTestId('paste-text').fill(text);
    await page.getByTestId('paste-confirm').click();
  };
  const opens = async (text) => {
    await paste(text);
    await page.getByTestId('plan-title').getByText('分享的副本').waitFor();
    assert.equal(await page.getByTestId('paste-panel').count(), 0, text);
    assert.equal(await page.getByTestId('link-error').count(), 0, text);
  };
  // Broken over lines by a chat app (a tester's closed the panel, and the text was gone).
  const at = link.length - 40;
  await opens(`7月进度：\n${link.slice(0, at)}\r\n${link.slice(at, at + 20)}\n${link.slice(at + 20)}\n谢谢`);
  // Wrapped, with the chat's words going on after it on its last line.
  await opens(`${link.slice(0, at)}\n${link.slice(at)}，谢谢`);
  // … or with the next chat line's time after it (its `18` read as code).
  await opens(`18:02\t张科长：${link.slice(0, at)}\n${link.slice(at)}\n18:03\t王科员：收到`);
  // A word stuck to its end, and chat lines copied with their times before a tab.
  await opens(`请看 ${link}thanks`);
  await opens(`18:02\t张科长：${link}`);
  await opens(`18:01\t王科员：好的\n18:02\t张科长：${link}\n谢谢`);
  // Cut short: said inside the panel, which stays open with the text to mend; its 关闭 closes
  // only the message (the message sat over the box, and its 关闭 closed the panel).
  const cut = `请看 ${link.slice(0, -30)}`;
  await paste(cut);
  const panel = page.getByTestId('paste-panel');
  const error = panel.getByTestId('import-error');
  await error.getByText(/无法导入“粘贴的文本”，没有任何改动：链接内容不完整或已被改动，请复制完整的链接/).waitFor();
  assert.equal(await page.getByTestId('import-error').count(), 1);
  assert.equal(await page.getByTestId('paste-text').inputValue(), cut);
  assert.equal(await page.getByTestId('plan-title').getByText('分享的副本').count(), 0);
  const box = await page.getByTestId('paste-text').boundingBox();
  const said = await error.boundingBox();
  assert.ok(said.y >= box.y + box.height, `the message (${said.y}) is below the box (${box.y + box.height})`);
  // A click into the box to mend it keeps the message (it went); 关闭 then hands the box the
  // focus (it fell to the page).
  await page.getByTestId('paste-text').click();
  assert.equal(await error.isVisible(), true);
  await error.getByRole('button', { name: '关闭' }).click();
  await error.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('paste-text').inputValue(), cut);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'paste-text');
  // Esc closes the panel and its message with it (the message stayed up over the page).
  await page.getByTestId('paste-confirm').click();
  await error.waitFor();
  await page.getByTestId('paste-text').press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('import-error').count(), 0);
  await page.getByTestId('paste-import').click();
  await panel.waitFor();
  assert.equal(await page.getByTestId('import-error').count(), 0);
  await page.context().close();
});

test('a long link is flagged, with the JSON file offered instead', async () => {
  const page = await app.open();
  const file = join(dir, 'big-plan.pace.json');
  await writeFile(file, JSON.stringify(bigPlan(300)));
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('plan-title').getByText('压力测试 300个单位').waitFor();
  await page.getByTestId('share').click();
  await page.getByTestId('share-long').getByText(/链接较长（\d+\.\d kB）/).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('share-long').getByRole('button').click(),
  ]);
  assert.equal(download.suggestedFilename(), '压力测试 300个单位.pace.json');
  await page.context().close();
});

test('a plan imported while 录入数据 is open opens without a crash, and its notes take its units', async () => {
  // It crashed the page (出错了): the import shows the 通报表, and the old 录入数据's 文字说明
  // was asked for its unit once more after it was gone (a tester).
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await page.getByTestId('unit-grid').waitFor();
  await page.getByTestId('note-unit').selectOption({ label: '开发区' });
  await importPlan(page, smallPlan());
  await page.getByTestId('plan-title').getByText('只有甲的计划').waitFor();
  await page.getByTestId('results-table').getByText('甲').waitFor();
  await page.getByTestId('tab-entry').click();
  await page.getByLabel('甲 · 新批 · 完成数', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('note-unit').inputValue(), 'u1');
  await page.getByTestId('note-text').fill('进度偏慢');
  await page.getByTestId('note-save').click();
  await page.getByTestId('notes-list').getByText('进度偏慢').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a plan file\'s very long unit name wraps in the 通报表 instead of widening it', async () => {
  // A name of 300 characters is kept (an import never costs data); it made the table thousands
  // of pixels wide (a tester).
  const page = await app.open();
  const long = '某'.repeat(300);
  const units = [{ id: 'u1', name: long, figures: { r: { actual: 5, targets: { a: 10 } } } }, { id: 'u2', name: '乙' }];
  await importPlan(page, smallPlan({ title: '长名称', units }));
  await page.getByTestId('plan-title').getByText('长名称').waitFor();
  const cell = page.getByTestId('results-table').locator('th.long-name');
  await cell.waitFor();
  assert.equal((await cell.innerText()).trim(), long);
  const width = await cell.evaluate((th) => th.getBoundingClientRect().width);
  assert.ok(width < 400, `the name's column is ${width} px wide`);
  // Short names do not wrap.
  assert.equal(await page.getByTestId('results-table').locator('th.long-name').count(), 1);
  await page.context().close();
});
