// Saved in the browser: autosave and reload, several plans, next month, and every way storage can
// fail without losing data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

const app = suite();
const CELL = '开发区 · 新批注册外资 · 完成数';

/** Types `text` into the 开发区 actual cell of the entry grid and leaves the cell. */
async function typeActual(page, text) {
  await page.getByTestId('tab-entry').click();
  const cell = page.getByLabel(CELL, { exact: true });
  await cell.fill(text);
  await cell.press('Tab');
}

async function waitSaved(page) {
  await page.getByTestId('data-status').getByText(/已保存/).waitFor();
}

const stored = (page) =>
  page.evaluate(() => Object.fromEntries(Object.entries(localStorage).sort()));

async function openMenu(page) {
  await page.getByTestId('plan-title').click();
  await page.getByTestId('plans-menu').locator('.plans-panel').waitFor();
}

test('a change is saved and comes back exactly after a reload', async () => {
  const page = await app.open();
  await page.getByTestId('data-status').getByText(/示例尚未保存/).waitFor();
  await typeActual(page, '15000');
  await waitSaved(page);
  const before = await stored(page);
  const planKeys = Object.keys(before).filter((k) => k.startsWith('pace.v1.plan.'));
  assert.equal(planKeys.length, 1);
  assert.match(before[planKeys[0]], /"actual": 15000/);
  await page.reload();
  await page.getByTestId('app').waitFor();
  // The data line still says when it was saved.
  await waitSaved(page);
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '15000');
  // Reading it back did not rewrite it.
  assert.deepEqual((await stored(page))[planKeys[0]], before[planKeys[0]]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the last edit is written when the page goes away, before the save delay', async () => {
  const page = await app.open();
  await typeActual(page, '15000');
  await waitSaved(page);
  const cell = page.getByLabel(CELL, { exact: true });
  await cell.fill('16000');
  // No waiting for the debounced save: leaving the page flushes it.
  await page.reload();
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '16000');
  await page.context().close();
});

test('several plans: new, rename, duplicate, open, delete and undo the delete', async () => {
  const page = await app.open();
  await typeActual(page, '15000');
  await waitSaved(page);
  await openMenu(page);
  await page.getByTestId('new-plan').click();
  await openMenu(page);
  assert.equal(await page.getByTestId('saved-plan').count(), 2);
  // Rename the example's plan (not the open one).
  const first = page.getByTestId('saved-plan').first();
  await first.getByRole('button', { name: '重命名' }).click();
  const name = first.getByLabel('新名称');
  // A blank name is refused where it was typed: the box stays, saying why (it closed, silently).
  await name.fill('  ');
  await name.press('Enter');
  await first.getByTestId('rename-refused').getByText('名称不能为空').waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  await name.fill('七月通报');
  await name.press('Enter');
  await first.getByRole('button', { name: '七月通报' }).waitFor();
  await first.getByRole('button', { name: '复制' }).click();
  await page.getByTestId('plan-title').getByText('七月通报 (2)').waitFor();
  await openMenu(page);
  assert.equal(await page.getByTestId('saved-plan').count(), 3);
  // Open the original and delete it; undo brings it back with its data.
  await page.getByTestId('saved-plan').first().getByRole('button', { name: '七月通报' }).click();
  await page.getByTestId('plan-title').getByText(/^七月通报$/).waitFor();
  await openMenu(page);
  await page.getByTestId('saved-plan').first().getByRole('button', { name: '删除' }).click();
  await page.getByTestId('deleted').getByText('已删除“七月通报”').waitFor();
  assert.equal(await page.getByTestId('saved-plan').count(), 2);
  // A save meanwhile leaves the banner as it is (a review: every save drew storage's banners
  // anew, taking the focus off 撤销删除 and having screen readers read them again).
  const banner = await page.getByTestId('deleted').elementHandle();
  const before = JSON.stringify(await stored(page));
  // The plan open now (the blank one) moves to another data month, which is saved.
  await page.getByTestId('month').selectOption('8');
  await page.waitForFunction((b) => JSON.stringify(Object.fromEntries(Object.entries(localStorage).sort())) !== b, before);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  assert.equal(await banner.evaluate((e) => e.isConnected), true);
  await page.getByTestId('undo-delete').click();
  await page.getByTestId('plan-title').getByText(/^七月通报$/).waitFor();
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '15000');
  await openMenu(page);
  assert.equal(await page.getByTestId('saved-plan').count(), 3);
  await page.context().close();
});

test('start next month: same units and targets, month and title move on, actuals cleared', async () => {
  const page = await app.open();
  await openMenu(page);
  await page.getByTestId('next-month').click();
  await page.getByTestId('plan-title').getByText('全市利用外资 1-8月').waitFor();
  assert.equal(await page.getByTestId('month').inputValue(), '8');
  await page.getByTestId('schedule').getByText('66.67%').waitFor();
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '');
  assert.equal(
    await page.getByLabel('开发区 · 新批注册外资 · 考核目标', { exact: true }).inputValue(),
    '24000',
  );
  await waitSaved(page);
  await page.context().close();
});

test('stored text that cannot be read is kept aside, offered for download, never overwritten', async () => {
  const garbage = '{"format": "pace-plan", "version": 1, "title": "坏数据", "units": [';
  const page = await app.open({
    init: (text) => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('pace.v1.plan.broken', text);
        localStorage.setItem('pace.v1.catalogue', '{"storage": 1, "plans": [{"id": "bro');
      }
    },
    arg: garbage,
  });
  const banners = page.getByTestId('set-aside');
  await banners.first().waitFor();
  assert.equal(await banners.count(), 2);
  assert.match(await banners.nth(0).innerText(), /pace\.v1\.catalogue）：计划目录无法读取（第1行第\d+列）/);
  assert.match(await banners.nth(1).innerText(), /pace\.v1\.plan\.broken）：文本不完整，在第1行第\d+列中断/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banners.nth(1).getByTestId('download-set-aside').click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  assert.equal(await readFile(await download.path(), 'utf8'), garbage);
  // Editing the example saves a new plan; the unreadable texts stay as they were.
  await typeActual(page, '15000');
  await waitSaved(page);
  const after = await stored(page);
  assert.equal(after['pace.v1.plan.broken'], garbage);
  const aside = Object.keys(after).filter((k) => k.startsWith('pace.v1.aside.'));
  assert.equal(aside.length, 1);
  assert.equal(after[aside[0]], '{"storage": 1, "plans": [{"id": "bro');
  // The copy stays offered at every start until the person dismisses it.
  await page.reload();
  await page.getByTestId('app').waitFor();
  const again = page.getByTestId('set-aside').filter({ hasText: 'pace.v1.catalogue' });
  await again.waitFor();
  assert.equal(await again.count(), 1);
  await again.getByRole('button', { name: '不再提示' }).click();
  await again.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByTestId('set-aside').first().waitFor();
  assert.equal(await page.getByTestId('set-aside').filter({ hasText: 'pace.v1.catalogue' }).count(), 0);
  // Dismissed is not deleted: the copy is still in storage.
  assert.equal((await stored(page))[aside[0]], '{"storage": 1, "plans": [{"id": "bro');
  await page.context().close();
});

test('a plan saved by a newer Pace is shown read-only and never written', async () => {
  const page = await app.open();
  await typeActual(page, '15000');
  await waitSaved(page);
  // Make the stored document a version-2 one, as a newer Pace would, and reload.
  const key = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('pace.v1.plan.'));
    localStorage.setItem(key, localStorage.getItem(key).replace('"version": 1', '"version": 2'));
    return key;
  });
  const before = await stored(page);
  await page.reload();
  await page.getByTestId('data-status').getByText(/更新版本的 Pace 保存（格式版本 2）/).waitFor();
  await page.getByTestId('plan-title').getByText('只读').waitFor();
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).isEditable(), false);
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(1000);
  assert.equal((await stored(page))[key], before[key]);
  await page.context().close();
});

test('a catalogue from a newer storage layout makes everything read-only', async () => {
  const page = await app.open();
  await typeActual(page, '15000');
  await waitSaved(page);
  await page.evaluate(() => {
    const c = JSON.parse(localStorage.getItem('pace.v1.catalogue'));
    c.storage = 2;
    localStorage.setItem('pace.v1.catalogue', JSON.stringify(c));
  });
  const before = await stored(page);
  await page.reload();
  await page.getByTestId('newer-data').getByText(/由更新版本的 Pace 保存/).waitFor();
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).isEditable(), false);
  await page.keyboard.press('Control+z');
  await openMenu(page);
  await page.getByTestId('new-plan').click();
  await page.waitForTimeout(1000);
  assert.deepEqual(await stored(page), before);
  // An import cannot be saved either, and the page says why.
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(await mkdtemp(join(tmpdir(), 'pace-newer-')), 'plan.pace.json');
  await writeFile(file, Object.entries(before).find(([k]) => k.startsWith('pace.v1.plan.'))[1]);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-error').getByText(/由更新版本的 Pace 保存/).waitFor();
  assert.deepEqual(await stored(page), before);
  await page.context().close();
});

test('without storage the page still works, in memory, and says so', async () => {
  const page = await app.open({
    init: () => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    },
  });
  await page.getByTestId('storage-trouble').getByText(/无法使用浏览器存储/).waitFor();
  await typeActual(page, '15000');
  // 15000 / 24000 = 62.50%: the calculator works on.
  await page.locator('tr[data-unit=devzone]').getByText('62.50%').waitFor();
  await page.getByTestId('export-now').waitFor();
  await page.context().close();
});

test('a full storage keeps the work in memory, warns, and offers an export', async () => {
  const page = await app.open();
  await typeActual(page, '15000');
  await waitSaved(page);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await typeActual(page, '17000');
  await page.getByTestId('storage-trouble').getByText(/浏览器存储已满/).waitFor();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '17000');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-now').click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  assert.match(await readFile(await download.path(), 'utf8'), /"actual": 17000/);
  // Opening another plan would lose them (a tester's figures were gone without a word): asked
  // first, as closing the tab is. 取消 keeps them on screen; 确定 leaves them.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    dialog.dismiss();
  });
  await openMenu(page);
  await page.getByTestId('open-example').click();
  assert.match(asked, /打开其他计划后这些修改将会丢失/);
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '17000');
  page.once('dialog', (dialog) => dialog.accept());
  await openMenu(page);
  await page.getByTestId('open-example').click();
  await page.getByTestId('data-status').getByText('示例尚未保存：修改后自动保存为您的计划。').waitFor();
  await page.context().close();
});

/**
 * Run in a page before the app: while `window.holdStorageEvents` is set, the other tabs' storage
 * events are held back (as a busy machine delivers them late) and `releaseStorageEvents()` hands
 * them to the app in order.
 */
function storageEventsCanBeHeld() {
  const held = [];
  window.holdStorageEvents = false;
  window.addEventListener('storage', (e) => {
    if (!window.holdStorageEvents) return;
    e.stopImmediatePropagation();
    held.push(e);
  });
  window.releaseStorageEvents = () => {
    window.holdStorageEvents = false;
    for (const e of held.splice(0)) {
      const { key, oldValue, newValue, url, storageArea } = e;
      window.dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue, url, storageArea }));
    }
  };
}

test('two tabs: a saved change reaches the other tab; unsaved changes are never overwritten', async () => {
  const a = await app.open({ init: storageEventsCanBeHeld });
  await typeActual(a, '15000');
  await waitSaved(a);
  const b = await app.open({ context: a.context(), init: storageEventsCanBeHeld });
  await b.getByTestId('tab-entry').click();
  assert.equal(await b.getByLabel(CELL, { exact: true }).inputValue(), '15000');
  // A saves again; B, with nothing unsaved, follows.
  await typeActual(a, '15500');
  await waitSaved(a);
  await b.getByTestId('note').getByText(/另一标签页/).waitFor();
  assert.equal(await b.getByLabel(CELL, { exact: true }).inputValue(), '15500');
  // Both tabs type before either hears of the other's save: whichever saves first, the other
  // holds unsaved changes and must not overwrite. The events are held because on a loaded
  // machine one tab's typing could otherwise reach its page after the other's save had (then
  // it rightly follows that save first, and there is no conflict to test: a flake seen in CI).
  await a.evaluate(() => (window.holdStorageEvents = true));
  await b.evaluate(() => (window.holdStorageEvents = true));
  await b.getByLabel(CELL, { exact: true }).fill('18000');
  await a.getByLabel(CELL, { exact: true }).fill('19000');
  // The tab that saves second finds a version it has not seen: the conflict.
  const conflictIn = await Promise.race([
    a.getByTestId('conflict').waitFor().then(() => a),
    b.getByTestId('conflict').waitFor().then(() => b),
  ]);
  // The data line does not say "已保存" beside the banner saying this page's change is not.
  const status = conflictIn.getByTestId('data-status');
  await status.getByText('本页的修改尚未保存（见下方提示）').waitFor();
  assert.doesNotMatch(await status.innerText(), /已保存/);
  await a.evaluate(() => window.releaseStorageEvents());
  await b.evaluate(() => window.releaseStorageEvents());
  await conflictIn.getByTestId('keep-mine').click();
  await conflictIn.getByTestId('conflict').waitFor({ state: 'detached' });
  await waitSaved(conflictIn);
  const plans = Object.entries(await stored(a)).filter(([k]) => k.startsWith('pace.v1.plan.'));
  assert.equal(plans.length, 2);
  const texts = plans.map(([, v]) => v).join('\n');
  assert.match(texts, /"actual": 18000/);
  assert.match(texts, /"actual": 19000/);
  await a.context().close();
});

test('a plan deleted in another tab stays on screen, labelled so, and is saved anew when changed', async () => {
  const a = await app.open();
  await typeActual(a, '15000');
  await waitSaved(a);
  const b = await app.open({ context: a.context() });
  await b.getByTestId('tab-entry').click();
  assert.equal(await b.getByLabel(CELL, { exact: true }).inputValue(), '15000');
  await openMenu(a);
  await a.getByTestId('saved-plan').first().getByRole('button', { name: '删除' }).click();
  await a.getByTestId('deleted').waitFor();
  await b.getByTestId('note').getByText('此计划已在另一标签页中删除').waitFor();
  // Not "a copy from a share link", as it was labelled (a tester).
  await b.getByTestId('plan-title').getByText('已在别处删除 · 未保存').waitFor();
  assert.equal(await b.getByTestId('plan-title').getByText('分享的副本').count(), 0);
  await b.getByTestId('data-status').getByText(/此计划已在另一标签页中删除，本页内容尚未保存/).waitFor();
  // A change saves it as a plan again.
  await typeActual(b, '16000');
  await waitSaved(b);
  const plans = Object.entries(await stored(b)).filter(([k]) => k.startsWith('pace.v1.plan.'));
  assert.ok(plans.some(([, v]) => /"actual": 16000/.test(v)), 'saved anew');
  await a.context().close();
});

test('a change to a plan deleted in another tab offers to keep it or to accept the deletion, so named', async () => {
  // The button said 载入另一页的版本, and a tester lost the figure by it: there is no other version.
  const a = await app.open();
  await typeActual(a, '15000');
  await waitSaved(a);
  const b = await app.open({ context: a.context(), init: storageEventsCanBeHeld });
  await b.getByTestId('tab-entry').click();
  await b.evaluate(() => (window.holdStorageEvents = true));
  await openMenu(a);
  await a.getByTestId('saved-plan').first().getByRole('button', { name: '删除' }).click();
  await a.getByTestId('deleted').waitFor();
  await b.getByLabel(CELL, { exact: true }).fill('17000');
  await b.getByLabel(CELL, { exact: true }).press('Tab');
  const conflict = b.getByTestId('conflict');
  await conflict.getByText('此计划已在另一个标签页中删除').waitFor();
  assert.equal(await conflict.getByTestId('take-theirs').innerText(), '同意删除，放弃本页的修改');
  // The deletion undone there: the conflict goes and the change is saved to the plan (the
  // banner went on saying "deleted", a tester found).
  await a.getByTestId('undo-delete').click();
  await a.getByTestId('deleted').waitFor({ state: 'detached' });
  await b.evaluate(() => window.releaseStorageEvents());
  await conflict.waitFor({ state: 'detached' });
  await waitSaved(b);
  const plans = Object.entries(await stored(b)).filter(([k]) => k.startsWith('pace.v1.plan.'));
  assert.equal(plans.length, 1);
  assert.match(plans[0][1], /"actual": 17000/);
  await a.context().close();
});

test('with storage full, deleting still frees space; its undo lasts as long as the page', async () => {
  const page = await app.open();
  await typeActual(page, '15000');
  await waitSaved(page);
  await openMenu(page);
  await page.getByTestId('new-plan').click();
  await waitSaved(page);
  const before = await stored(page);
  const plans = Object.keys(before).filter((k) => k.startsWith('pace.v1.plan.'));
  assert.equal(plans.length, 2);
  // Every write now fails as a full storage does; removing still works.
  await page.evaluate(() => {
    window.realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await openMenu(page);
  await page.getByTestId('saved-plan').first().getByRole('button', { name: '删除' }).click();
  const banner = page.getByTestId('deleted');
  await banner.getByText('已删除“全市利用外资 1-7月”').waitFor();
  await banner.getByText(/撤销副本只保存在本页中/).waitFor();
  const after = await stored(page);
  assert.equal(Object.keys(after).filter((k) => k.startsWith('pace.v1.plan.')).length, 1);
  // Space again: undo brings the plan back with its data.
  await page.evaluate(() => {
    Storage.prototype.setItem = window.realSetItem;
  });
  await page.getByTestId('undo-delete').click();
  await page.getByTestId('plan-title').getByText(/^全市利用外资 1-7月$/).waitFor();
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '15000');
  await page.context().close();
});

test('the entry being typed when the page goes away is saved as leaving the cell would save it', async () => {
  const page = await app.open();
  await typeActual(page, '15000');
  await waitSaved(page);
  const cell = page.getByLabel(CELL, { exact: true });
  await cell.click();
  await cell.press('Control+A');
  // Key by key: `1,234` reads (as 1234) on the way to `1,2345`, which does not.
  await page.keyboard.type('1,2345');
  await page.reload();
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '15000');
  // A good entry left unfinished is kept.
  await page.getByLabel(CELL, { exact: true }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('16500');
  await page.reload();
  await page.getByTestId('tab-entry').click();
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '16500');
  await page.context().close();
});

test('two tabs opened at the same moment both open the saved plan, not safe mode', async () => {
  // Each start marks storage until it has drawn; a tab starting beside another sees that mark.
  // Before the mark held its time, about half of such tabs opened in safe mode.
  const a = await app.open();
  await typeActual(a, '15000');
  await waitSaved(a);
  for (let round = 0; round < 3; round++) {
    const pair = await Promise.all([
      app.open({ context: a.context() }),
      app.open({ context: a.context() }),
    ]);
    for (const page of pair) {
      await page.getByTestId('summary-registered').waitFor();
      await page.getByTestId('tab-entry').click();
      assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '15000');
      assert.equal(await page.getByTestId('safe-start').count(), 0, `round ${round}`);
    }
    await Promise.all(pair.map((page) => page.close()));
  }
  assert.equal(await a.getByTestId('safe-start').count(), 0);
  await a.context().close();
});

test('two tabs typing into different cells within the save delay both keep their figures', async () => {
  const a = await app.open();
  await typeActual(a, '15000');
  await waitSaved(a);
  const b = await app.open({ context: a.context() });
  await b.getByTestId('tab-entry').click();
  const OTHER = '开发区 · 注册外资实际到帐 · 完成数';
  // Both type before either has saved.
  await a.getByLabel(CELL, { exact: true }).fill('18000');
  await b.getByLabel(OTHER, { exact: true }).fill('5000');
  await Promise.race([
    a.getByTestId('note').getByText(/两边的修改都已保留/).waitFor(),
    b.getByTestId('note').getByText(/两边的修改都已保留/).waitFor(),
  ]);
  await a.waitForTimeout(1500);
  assert.equal(await a.getByTestId('conflict').count(), 0);
  assert.equal(await b.getByTestId('conflict').count(), 0);
  // After a reload, both figures are there.
  await a.reload();
  await a.getByTestId('tab-entry').click();
  assert.equal(await a.getByLabel(CELL, { exact: true }).inputValue(), '18000');
  assert.equal(await a.getByLabel(OTHER, { exact: true }).inputValue(), '5000');
  await a.context().close();
});

test('figures typed in 录入数据 right after 复制 go into the copy', async () => {
  // The copy has the same ids, so the grid's rows were kept, still bound to the plan copied:
  // every figure typed was dropped without a word and the cell went back (a review).
  const page = await app.open();
  await typeActual(page, '111');
  await waitSaved(page);
  await openMenu(page);
  await page.getByTestId('saved-plan').first().getByRole('button', { name: '复制' }).click();
  await page.getByTestId('plan-title').getByText('全市利用外资 1-7月 (2)').waitFor();
  await typeActual(page, '222');
  assert.equal(await page.getByLabel(CELL, { exact: true }).inputValue(), '222');
  // Saved (the data line said 已保存 already before).
  await page.waitForFunction(() =>
    Object.entries(localStorage).some(([key, text]) => key.startsWith('pace.v1.plan.') && /"actual": 222\b/.test(text)),
  );
  const plans = Object.entries(await stored(page))
    .filter(([key]) => key.startsWith('pace.v1.plan.'))
    .map(([, text]) => JSON.parse(text))
    .map((p) => [p.title, p.units[1].figures.registered.actual]);
  assert.deepEqual(plans.sort((a, b) => a[1] - b[1]), [['全市利用外资 1-7月', 111], ['全市利用外资 1-7月 (2)', 222]]);
  await page.context().close();
});
