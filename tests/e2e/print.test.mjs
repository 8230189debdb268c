// The printed 通报 (issue 11): 打印 renders the print view, and printing it to PDF in Chromium
// gives an A4 landscape document with every column of every metric, the footnote and no
// controls. The text is read back with pdftotext (poppler-utils, installed by scripts/setup.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from './harness.mjs';
import { bigPlan } from '../../bench/plans.mjs';

const app = suite();
const dir = mkdtempSync(join(tmpdir(), 'pace-print-'));

/** Clicks 打印 (the browser's dialog stubbed) and prints the page to a PDF; returns its path. */
async function printToPdf(page, name) {
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.getByTestId('print').click();
  await page.getByTestId('print-view').waitFor({ state: 'attached' });
  const file = join(dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}

const text = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
const size = (file) => /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).slice(1).map(Number);

test('SPEC §7’s plan prints on one A4 landscape page with every column and the footnote', async () => {
  const page = await app.open();
  const file = await printToPdf(page, 'example');
  const [w, h] = size(file);
  assert.ok(w > h, `landscape: ${w} × ${h} pt`);
  assert.ok(Math.abs(w - 842) < 2 && Math.abs(h - 595) < 2, `A4: ${w} × ${h} pt`);
  // The table on one page, the briefing on the next.
  assert.equal(pages(file), 2, 'the table fits one page; the briefing starts a new one');
  const [tablePage, briefingPage] = text(file).split('\f');
  assert.ok(!tablePage.includes('讲评稿'));
  assert.match(briefingPage.replace(/\s+/g, ''), /讲评稿1-7月份，全市新批注册外资2\.60亿美元/);
  const body = text(file).replace(/\s+/g, '');
  for (const word of [
    '全市利用外资1-7月完成情况通报',
    '单位：万美元',
    '新批注册外资',
    '注册外资实际到帐',
    // Headings wrap in their cells, so pdftotext gives their lines apart.
    '完成数',
    '考核目标',
    '加压目标',
    '完成率',
    '比序时',
    '同比',
    '占全市',
    '位次',
    '61.36%',
    '−28.13',
    '62.48%',
    '注：序时进度为58.33%（1-7月）',
    // A unit's own 后n个月每月需 per tier (SPEC §7: 开发区 1960 / 4160).
    '后5个月',
    '1960',
    '4160',
  ]) {
    assert.ok(body.includes(word), `the PDF has ${word}`);
  }
  // Both metrics' columns on paper: each heading once per metric.
  const table = tablePage.replace(/\s+/g, '');
  for (const word of ['完成率', '比序时', '同比', '占全市', '位次']) {
    assert.equal(table.split(word).length - 1, word === '完成率' || word === '比序时' ? 4 : 2, word);
  }
  // A heading breaks at its space, never inside a tier's name: 比序时 / 考核目标 and 后5个月 /
  // 每月需 / 考核目标 (they printed as 比序时 考 / 核目标 and 每月需考 / 核目标). Each tier's name
  // is whole on its line in its 完成率, 比序时 and 每月需 headings, for both metrics.
  for (const tier of ['考核目标', '加压目标']) {
    assert.equal(tablePage.split(tier).length - 1, 6, `${tier} whole in six headings`);
  }
  // No controls on paper.
  for (const word of ['粘贴导入', '导出', '撤销', '录入数据', '数据提示', '复制表格', '复制文本']) {
    assert.ok(!body.includes(word), `no ${word} on paper`);
  }
  await page.context().close();
});

test('a wide table (3 tiers with 当月 and 比上月, 34 columns) prints whole, one metric under the other', async () => {
  // Found by a tester: its last columns (后1个月每月需, 同比, 占全市, 位次) were on no page; then
  // it fitted at 4 pt. Now each metric is a table of its own across the page.
  for (const lang of ['zh', 'en']) {
    const page = await app.open();
    await page
      .getByTestId('import-file')
      .setInputFiles(new URL('./fixtures/three-tiers-november.pace.json', import.meta.url).pathname);
    await page.getByTestId('plan-title').getByText(/1-11月/).waitFor();
    if (lang === 'en') await page.getByTestId('lang').click();
    await page.getByTestId('compare-columns').check();
    // Without leaning on the browser's shrinking of what is too wide: at the page's width
    // (281mm, 1062px) the table is no wider than the page.
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.getByTestId('print').click();
    const tables = page.locator('.print-view table.results');
    await tables.first().waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1062, height: 750 });
    const sizes = await tables.evaluateAll((all) =>
      all.map((t) => [t.getBoundingClientRect().width, getComputedStyle(t).fontSize]),
    );
    assert.equal(sizes.length, 2, `${lang}: one table per metric`);
    for (const [width, font] of sizes) {
      assert.ok(width <= 1062, `${lang}: ${width}px`);
      assert.equal(font, '10px', `${lang}: 7.5pt`);
    }
    await page.emulateMedia({ media: null });
    const file = await printToPdf(page, `wide-${lang}`);
    const body = text(file).split('\f')[0];
    // Both metrics' last columns, and the figures at the right edge: 到帐's 同比, 占全市 and 位次.
    const [share, rank] = lang === 'zh' ? ['占全市', '位次'] : ['Share', 'Rank'];
    assert.equal(body.split(share).length - 1, 2, `${lang}: ${share} twice\n${body}`);
    assert.equal(body.split(rank).length - 1, 2, `${lang}: ${rank} twice`);
    assert.match(body, /27\.27%\s+100\.00%\s+—/, `${lang}: the total's row`);
    assert.match(body, /−2\.56%\s+5\.43%\s+4\s*$/m, `${lang}: 商务局's row`);
    await page.context().close();
  }
});

test('a 120-unit plan prints its header on every page and every unit once', async () => {
  const page = await app.open();
  const plan = bigPlan(120);
  const json = join(dir, 'big.json');
  writeFileSync(json, JSON.stringify(plan));
  await page.getByTestId('import-file').setInputFiles(json);
  await page.getByTestId('plan-title').getByText(plan.title).waitFor();
  const file = await printToPdf(page, 'big');
  const pagesText = text(file).split('\f').filter((t) => t.trim());
  assert.equal(pagesText.length, pages(file));
  // 120 units, the total and 3 subtotals at about 33 rows a page (A4 landscape, 6.6 pt for its
  // 20 columns): four pages of table, then the briefing on a page of its own.
  const tablePages = pagesText.findIndex((t) => t.includes('讲评稿'));
  assert.equal(tablePages, 4);
  for (const t of pagesText.slice(0, tablePages)) {
    const flat = t.replace(/\s+/g, '');
    for (const word of ['完成数', '完成率', '比序时', '同比', '占全市', '位次']) {
      assert.ok(flat.includes(word), `the header rows repeat: ${word}`);
    }
  }
  const body = text(file).replace(/\s+/g, '');
  for (const unit of plan.units.filter((u) => !u.total)) {
    assert.ok(body.includes(unit.name), `${unit.name} is printed`);
  }
  await page.context().close();
});

test('on screen the 通报表 shows each unit’s 后n个月每月需 per tier on request', async () => {
  const page = await app.open();
  await page.getByTestId('tab-results').click();
  const row = page.getByTestId('results-table').locator('tr[data-unit=devzone]');
  assert.doesNotMatch(await row.innerText(), /1960/);
  await page.getByTestId('need-columns').check();
  const cells = await row.locator('td').allInnerTexts();
  assert.ok(cells.includes('1960') && cells.includes('4160'), cells.join(' | '));
  // The choice stays on this browser: after a reload, and for another plan (a tester's next
  // month printed without the 比上月 columns ticked the month before).
  await page.reload();
  await page.getByTestId('results-table').waitFor();
  assert.ok(await page.getByTestId('need-columns').isChecked());
  assert.ok((await row.locator('td').allInnerTexts()).includes('1960'));
  await page.getByTestId('need-columns').uncheck();
  await page.reload();
  await page.getByTestId('results-table').waitFor();
  assert.ok(!(await page.getByTestId('need-columns').isChecked()));
  await page.context().close();
});

test('the browser’s own print (Ctrl+P) has the whole print view at once, its code already fetched', async () => {
  const page = await app.open();
  // The print view's code is a module fetched right after the first frame (scripts/split.mjs).
  // Each try: `beforeprint`, then only microtasks (as the browser runs after the event, before it
  // lays out the pages), no timer, no network; the view must be whole by then, never 正在载入….
  const tryPrint = async () =>
    page.evaluate(async () => {
      dispatchEvent(new Event('beforeprint'));
      for (let i = 0; i < 100; i++) await Promise.resolve();
      const text = document.querySelector('[data-testid=print-view]')?.innerText ?? '';
      dispatchEvent(new Event('afterprint'));
      return text;
    });
  let shown = await tryPrint();
  for (let attempt = 0; !shown && attempt < 100; attempt++) {
    await page.waitForTimeout(100);
    shown = await tryPrint();
  }
  assert.match(shown.replace(/\s+/g, ''), /全市利用外资1-7月完成情况通报/);
  assert.match(shown.replace(/\s+/g, ''), /讲评稿/);
  assert.doesNotMatch(shown, /正在载入/);
  await page.context().close();
});
