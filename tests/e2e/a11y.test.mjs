// Keyboard and screen readers (issue 14): axe-core finds no serious or critical fault on any tab
// or popup; the tabs follow the WAI-ARIA tabs pattern; menus close on Esc and on a click outside
// and give focus back; a new blank plan puts focus in the grid; the main flow works with the
// keyboard alone. PACE_DIST=<dir> runs these against another build than dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from './harness.mjs';

const app = suite({ dist: process.env.PACE_DIST });

// Evaluated as a script, not added as a <script> tag: a Content-Security-Policy does not stop it.
const AXE = readFileSync(
  fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)),
  'utf8',
);

/** axe-core's serious and critical violations on the page as it is now, one line each. */
async function axeFaults(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    // axe counts nothing inside a disabled <fieldset> as focusable, while browsers do focus an
    // element with tabindex="0" there: a scroll box of a locked tab that has one is reachable
    // (the closed-month test checks it with Tab), not a fault.
    const reachable = (n) => {
      const el = document.querySelector(n.target.join(' '));
      return el?.closest('fieldset:disabled') && el.tabIndex === 0;
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes
        .filter((n) => v.id !== 'scrollable-region-focusable' || !reachable(n))
        .map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.targets.length > 0)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.slice(0, 5).join(' | ')}`);
}

async function assertClean(page, where) {
  const faults = await axeFaults(page);
  assert.deepEqual(faults, [], `axe on ${where}:\n${faults.join('\n')}`);
}

/** What has focus: its test id, else its aria-label, else its tag. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.tagName;
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max`. */
async function tabTo(page, selector, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`${selector} not reached with ${back ? 'Shift+Tab' : 'Tab'} (focus on ${await focused(page)})`);
}

for (const lang of ['zh', 'en']) {
  test(`axe: no serious or critical fault on any tab, in the plans menu or the paste preview (${lang})`, async () => {
    const page = await app.open();
    if (lang === 'en') await page.getByTestId('lang').click();
    for (const tab of ['results', 'entry', 'what-if', 'settings', 'briefing']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
      await assertClean(page, `the ${tab} tab`);
    }
    await page.getByTestId('plan-title').click();
    await page.getByTestId('plans-menu').locator('.plans-panel').waitFor();
    await assertClean(page, 'the plans menu');
    await page.getByTestId('join-plans').click();
    await page.getByTestId('join-panel').waitFor();
    await assertClean(page, 'the plans menu with 合并为一个计划');
    await page.keyboard.press('Escape');
    await page.getByTestId('paste-import').click();
    await page.getByTestId('paste-panel').waitFor();
    await assertClean(page, 'the paste panel');
    await page.getByTestId('paste-text').fill('单位\t1-7月新批注册外资\r\n高新区\t4500\r\n');
    await page.getByTestId('paste-confirm').click();
    await page.getByTestId('paste-preview').waitFor();
    await assertClean(page, 'the paste preview');
    await page.getByTestId('paste-cancel').click();
    await page.getByTestId('share').click();
    await page.getByTestId('share-panel').waitFor();
    await assertClean(page, 'the share panel');
    await page.keyboard.press('Escape');
    // A blank plan: the empty grid and results.
    await page.getByTestId('new-blank').click();
    await page.locator('#tab-entry[aria-selected="true"]').waitFor();
    await assertClean(page, 'a new blank plan’s grid');
    await page.getByTestId('tab-results').click();
    await assertClean(page, 'a new blank plan’s results');
    await page.context().close();
  });
}

test('axe: nothing serious on a phone, nor while a closed month is looked at (its fields disabled)', async () => {
  const page = await app.open({ viewport: { width: 390, height: 800 } });
  const tabs = ['results', 'entry', 'what-if', 'briefing', 'settings'];
  for (const tab of tabs) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
    await assertClean(page, `the ${tab} tab on a phone`);
  }
  await page.getByTestId('plan-title').click();
  await page.getByTestId('next-month').click();
  await page.getByTestId('month').selectOption('c7');
  await page.getByTestId('looking-back').waitFor();
  for (const tab of tabs) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
    await assertClean(page, `the ${tab} tab of a closed month on a phone`);
  }
  // The locked grid's inputs are disabled; its scroll box takes focus instead.
  await page.getByTestId('tab-entry').click();
  await tabTo(page, '.grid-section .table-scroll');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.activeElement.scrollLeft > 0);
  await page.context().close();
});

test('the hidden file input is labelled and out of the tab order', async () => {
  const page = await app.open();
  const input = page.getByTestId('import-file');
  assert.equal(await input.getAttribute('tabindex'), '-1');
  assert.equal(await input.getAttribute('aria-label'), '导入文件');
  // Tabbing through the header reaches 导入 and never the input behind it.
  await tabTo(page, '[data-testid=import]');
  await page.keyboard.press('Tab');
  assert.notEqual(await focused(page), 'import-file');
  await page.getByTestId('lang').click();
  assert.equal(await input.getAttribute('aria-label'), 'Import a file');
  await page.context().close();
});

test('the tabs follow the WAI-ARIA tabs pattern: roles, one tab stop, arrow keys, Home and End', async () => {
  const page = await app.open();
  const ids = ['tab-results', 'tab-entry', 'tab-what-if', 'tab-briefing', 'tab-settings'];
  const state = () =>
    page.evaluate(() => {
      const list = document.querySelector('[role=tablist]');
      const tabs = [...list.querySelectorAll('[role=tab]')];
      const panel = document.querySelector('[role=tabpanel]');
      return {
        ids: tabs.map((t) => t.id),
        selected: tabs.filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.id),
        tabbable: tabs.filter((t) => t.tabIndex === 0).map((t) => t.id),
        controls: [...new Set(tabs.map((t) => t.getAttribute('aria-controls')))],
        panel: panel.id,
        labelledBy: panel.getAttribute('aria-labelledby'),
        focused: document.activeElement?.id,
      };
    });
  let s = await state();
  assert.deepEqual(s.ids, ids);
  assert.deepEqual(s.selected, ['tab-results']);
  assert.deepEqual(s.tabbable, ['tab-results'], 'only the chosen tab is in the tab order');
  assert.deepEqual(s.controls, [s.panel]);
  assert.ok(s.panel);
  assert.equal(s.labelledBy, 'tab-results');

  // Tab reaches the chosen tab once; the next Tab leaves the tab list.
  await tabTo(page, '[role=tab]');
  assert.equal(await focused(page), 'tab-results');
  const steps = [
    ['ArrowRight', 'tab-entry'],
    ['ArrowRight', 'tab-what-if'],
    ['End', 'tab-settings'],
    ['ArrowRight', 'tab-results'], // wraps round
    ['ArrowLeft', 'tab-settings'], // and back
    ['Home', 'tab-results'],
    ['ArrowLeft', 'tab-settings'],
    ['ArrowLeft', 'tab-briefing'],
  ];
  for (const [key, id] of steps) {
    await page.keyboard.press(key);
    s = await state();
    assert.equal(s.focused, id, `${key} moves focus to ${id}`);
    assert.deepEqual(s.selected, [id], `${key} chooses ${id}`);
    assert.deepEqual(s.tabbable, [id]);
    assert.equal(s.labelledBy, id);
  }
  await page.getByTestId('briefing').waitFor();
  await page.keyboard.press('Tab');
  assert.ok(!ids.includes(await focused(page)), 'Tab leaves the tab list');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'tab-briefing');
  // A click chooses too, and the tab stop follows.
  await page.getByTestId('tab-entry').click();
  s = await state();
  assert.deepEqual(s.selected, ['tab-entry']);
  assert.deepEqual(s.tabbable, ['tab-entry']);
  await page.context().close();
});

test('the plans menu closes on Esc and on a click outside, and gives focus back', async () => {
  const page = await app.open();
  const menu = page.getByTestId('plans-menu');
  const isOpen = () => menu.evaluate((d) => d.open);
  // Keyboard: Tab to the title, Enter opens, Tab into the menu, Esc closes.
  await tabTo(page, '[data-testid=plan-title]');
  await page.keyboard.press('Enter');
  assert.equal(await isOpen(), true);
  await tabTo(page, '[data-testid=new-plan]');
  await page.keyboard.press('Escape');
  assert.equal(await isOpen(), false);
  assert.equal(await focused(page), 'plan-title');
  // Esc with focus on the title itself.
  await page.keyboard.press('Enter');
  assert.equal(await isOpen(), true);
  await page.keyboard.press('Escape');
  assert.equal(await isOpen(), false);
  assert.equal(await focused(page), 'plan-title');
  // Tab past its last item: focus left it, and so does the menu (left open, it covered the cards
  // and Esc no longer reached it: a keyboard tester's).
  await page.keyboard.press('Enter');
  assert.equal(await isOpen(), true);
  await tabTo(page, '[data-testid=open-example]');
  await page.keyboard.press('Tab');
  assert.equal(await isOpen(), false);
  // A click outside closes it.
  await page.getByTestId('plan-title').click();
  assert.equal(await isOpen(), true);
  await page.getByTestId('schedule').click();
  assert.equal(await isOpen(), false);
  // A click inside does not.
  await page.getByTestId('plan-title').click();
  await menu.locator('.plans-panel h2').click();
  assert.equal(await isOpen(), true);
  // Choosing in the menu closes it and focus goes back to its button.
  await page.getByTestId('open-example').click();
  assert.equal(await isOpen(), false);
  assert.equal(await focused(page), 'plan-title');
  await page.context().close();
});

test('Esc while renaming a plan cancels the renaming only', async () => {
  const page = await app.open();
  // A saved plan to rename: the example becomes one when changed.
  await page.getByTestId('new-blank').click();
  await page.getByTestId('plan-title').click();
  await page.getByTestId('saved-plan').first().getByRole('button', { name: '重命名' }).focus();
  await page.keyboard.press('Enter');
  // The name box takes focus, to type the new name.
  const rename = page.getByLabel('新名称');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '新名称');
  await page.keyboard.press('Escape');
  assert.equal(await rename.count(), 0);
  assert.equal(await page.getByTestId('plans-menu').evaluate((d) => d.open), true);
  // Focus is on the plan's name, not lost to the page.
  await page.waitForFunction(() => document.activeElement?.classList.contains('plan-name'));

  // Renamed with Enter: the new name is in the list, and focus is on it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '新名称');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('改过的名字');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.textContent === '改过的名字');
  assert.equal(await page.getByTestId('plans-menu').evaluate((d) => d.open), true);
  await page.context().close();
});

test('the paste and share panels close on Esc and on a click outside, and give focus back', async () => {
  const page = await app.open();
  const panel = page.getByTestId('paste-panel');
  await tabTo(page, '[data-testid=paste-import]');
  assert.equal(await page.getByTestId('paste-import').getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  await panel.waitFor();
  assert.equal(await page.getByTestId('paste-import').getAttribute('aria-expanded'), 'true');
  // Focus goes to the text box, where the text is pasted.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'paste-text');
  await page.keyboard.press('Escape');
  assert.equal(await panel.count(), 0);
  assert.equal(await focused(page), 'paste-import');
  // A click outside closes it; a click in it does not.
  await page.getByTestId('paste-import').click();
  await panel.locator('label').click();
  assert.equal(await panel.count(), 1);
  await page.getByTestId('tab-entry').click();
  assert.equal(await panel.count(), 0);
  // 取消 gives focus back too.
  await page.getByTestId('paste-import').click();
  await panel.getByRole('button', { name: '取消' }).click();
  assert.equal(await panel.count(), 0);
  assert.equal(await focused(page), 'paste-import');

  const share = page.getByTestId('share-panel');
  await tabTo(page, '[data-testid=share]');
  await page.keyboard.press('Enter');
  await share.waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'share-link');
  await page.keyboard.press('Escape');
  assert.equal(await share.count(), 0);
  assert.equal(await focused(page), 'share');
  await page.getByTestId('share').click();
  await share.waitFor();
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  assert.equal(await share.count(), 0);
  await page.context().close();
});

test('Esc in a grid cell leaves an open panel alone (it only restores the cell)', async () => {
  const page = await app.open();
  await page.getByTestId('tab-entry').click();
  await page.getByTestId('paste-import').click();
  await page.getByTestId('paste-panel').waitFor();
  // Tab from the text box on to the page, as far as the grid.
  await tabTo(page, '[data-row="0"][data-col="2"]', { max: 120 });
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('paste-panel').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.row), '0');
  await page.context().close();
});

test('after 新建空白计划 focus is in the grid’s first cell, from the example’s button or the menu', async () => {
  const page = await app.open();
  await page.getByTestId('new-blank').click();
  await page.waitForFunction(() => document.activeElement?.matches('[data-row="0"][data-col="0"]'));
  assert.equal(await focused(page), '单位名称');
  assert.equal(await page.getByTestId('unit-grid').locator('input').first().evaluate((el) => el === document.activeElement), true);
  await page.getByTestId('plan-title').click();
  await page.getByTestId('new-plan').click();
  await page.waitForFunction(() => document.activeElement?.matches('[data-row="0"][data-col="0"]'));
  assert.equal(await page.getByTestId('plans-menu').evaluate((d) => d.open), false);
  await page.context().close();
});

test('the main flow with the keyboard alone: new plan, figures, results, export', async () => {
  const page = await app.open();
  // From the top of the page to 新建空白计划 beside the example's badge.
  await tabTo(page, '[data-testid=new-blank]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.matches('[data-row="0"][data-col="0"]'));
  // The total's name is selected: typing replaces it.
  await page.keyboard.type('全县');
  const figures = [
    ['全县 · 新批注册外资 · 完成数', '3000'],
    ['全县 · 新批注册外资 · 考核目标', '6000'],
    ['全县 · 注册外资实际到帐 · 完成数', '1,200'],
    ['全县 · 注册外资实际到帐 · 考核目标', '4800'],
  ];
  for (const [label, text] of figures) {
    await tabTo(page, `[aria-label="${label}"]`);
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Tab');
  // Back to the tabs (one tab stop), and ← to 通报表.
  await tabTo(page, '[role=tab]', { back: true, max: 80 });
  assert.equal(await focused(page), 'tab-entry');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(page), 'tab-results');
  const total = page.getByTestId('results-total').first();
  await total.waitFor();
  const row = await total.innerText();
  assert.match(row, /全县/);
  assert.match(row, /50\.00%/, `3000 of 6000: ${row}`);
  assert.match(row, /25\.00%/, `1200 of 4800: ${row}`);
  // The results are also where a screen reader meets them: the panel is labelled by the tab.
  assert.equal(await page.locator('[role=tabpanel]').getAttribute('aria-labelledby'), 'tab-results');
  // Up to the header's 导出, and Enter downloads the plan.
  await tabTo(page, '[data-testid=export]', { back: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /\.pace\.json$/);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(doc.units.length, 1);
  assert.equal(doc.units[0].name, '全县');
  assert.equal(Number(doc.units[0].figures.registered.actual), 3000);
  assert.equal(Number(doc.units[0].figures.registered.targets.assessment), 6000);
  assert.equal(Number(doc.units[0].figures.arrived.actual), 1200);
  assert.equal(Number(doc.units[0].figures.arrived.targets.assessment), 4800);
  await page.context().close();
});
