#!/usr/bin/env node
// Paste benchmark in headless Chromium, against the release build in dist/: pastes a sheet of
// N new units (default 1 000 and 10 000) into the entry grid as the clipboard would, and times
// the paste until its preview is shown, then 确认导入 until the last new unit is in the plan.
// Prints the numbers; asserts nothing. Usage: node bench/paste.mjs [rows…]
import { serveDist, launch, openApp } from '../tests/e2e/harness.mjs';

const sizes = process.argv.slice(2).map(Number);
const SIZES = sizes.length ? sizes : [1000, 10000];

const server = await serveDist();
const browser = await launch();
try {
  for (const rows of SIZES) {
    const page = await openApp(browser, server.url);
    await page.getByTestId('tab-entry').click();
    let text = '单位\t新批注册外资完成数\t新批注册外资上年同期\r\n';
    for (let i = 1; i <= rows; i++) text += `新单位${i}\t${(i * 7) % 5000}\t${(i * 3) % 4000}\r\n`;
    const cell = page.getByLabel('开发区 · 新批注册外资 · 完成数', { exact: true });
    await cell.focus();
    const previewMs = await cell.evaluate(async (el, t) => {
      const start = performance.now();
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      while (!document.querySelector('[data-testid=paste-preview]')) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - start;
    }, text);
    const applyMs = await page.evaluate(async (n) => {
      const start = performance.now();
      document.querySelector('[data-testid=paste-apply]').click();
      // Done when the preview is gone and the grid's row count includes every new unit.
      while (
        document.querySelector('[data-testid=paste-preview]') ||
        !document.querySelector(`[data-unit]`)
      ) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - start;
    }, rows);
    const units = await page.evaluate(() => localStorage.length >= 0 && document.querySelectorAll('[data-testid=unit-grid] tbody tr:not(.spacer)').length);
    console.log(
      `paste ${String(rows).padStart(6)} new units: preview shown after ${previewMs.toFixed(0)} ms, ` +
        `applied (preview gone, grid redrawn) after ${applyMs.toFixed(0)} ms (${units} rows rendered)`,
    );
    await page.context().close();
  }
} finally {
  await browser.close();
  server.close();
}
