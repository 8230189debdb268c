#!/usr/bin/env node
// Keystroke-to-updated-results latency in headless Chromium, against the release build in dist/.
// For plans of 100, 1 000 and 5 000 units it imports the plan through the page's own import
// button, types into one amount cell, and times each keystroke from the input event to the
// first painted frame whose summary shows the new figures. Prints median and worst per size, and
// how long the debounced save to localStorage takes once typing pauses.
// Usage: node bench/latency.mjs [sizes…]   (default: 100 1000 5000)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, openApp } from '../tests/e2e/harness.mjs';
import { bigPlan } from './plans.mjs';

const sizes = process.argv.slice(2).map(Number);
const SIZES = sizes.length ? sizes : [100, 1000, 5000];
const KEYSTROKES = 40;

const server = await serveDist();
const browser = await launch();
const dir = mkdtempSync(join(tmpdir(), 'pace-bench-'));

// Installed in the page: remembers when each input event happened, and resolves a promise at
// the first frame after it whose summary text differs from before the keystroke.
const PROBE = () => {
  window.__pace = { samples: [], handler: [] };
  document.addEventListener(
    'input',
    (ev) => {
      const before = document.querySelector('[data-testid=summary-registered]').textContent;
      const start = ev.timeStamp;
      // After the app's own listener and the effects it runs (microtasks) have finished.
      window.addEventListener(
        'input',
        () => window.__pace.handler.push(performance.now() - start),
        { once: true },
      );
      const check = () => {
        requestAnimationFrame(() => {
          // A message posted from rAF is delivered after the frame is painted.
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            const now = document.querySelector('[data-testid=summary-registered]').textContent;
            if (now !== before) window.__pace.samples.push(performance.now() - start);
            else check();
          };
          ch.port2.postMessage(0);
        });
      };
      check();
    },
    true,
  );
};

/** Types KEYSTROKES keys into the focused cell and returns each one's latency, sorted. */
async function typeAndMeasure(page) {
  for (let i = 0; i < KEYSTROKES; i++) {
    // Alternately 5 → 50 → 5: every keystroke moves the total by 45, which the summary shows.
    if (i % 2 === 0) await page.keyboard.type('0');
    else await page.keyboard.press('Backspace');
    await page.waitForFunction((n) => window.__pace.samples.length >= n, i + 1, { timeout: 60000 });
  }
  return (await page.evaluate(() => window.__pace.samples)).sort((a, b) => a - b);
}
const median = (sorted) => sorted[Math.floor(sorted.length / 2)];
const worst = (sorted) => sorted[sorted.length - 1];

// The floor: the same measurement on a bare page with one input whose handler copies its value
// into a text node. Whatever the app takes beyond this is the app's own cost.
{
  const page = await browser.newPage();
  await page.setContent('<input id=cell><div data-testid=summary-registered>0</div>');
  await page.evaluate(() =>
    document.getElementById('cell').addEventListener('input', (ev) => {
      document.querySelector('[data-testid=summary-registered]').textContent = ev.target.value;
    }),
  );
  await page.click('#cell');
  await page.keyboard.type('5');
  const savesBefore = await page.evaluate(() => performance.getEntriesByName('pace-save').length);
  await page.evaluate(PROBE);
  const samples = await typeAndMeasure(page);
  console.log(
    `latency: floor (bare input, no app)  median ${median(samples).toFixed(1).padStart(6)} ms  ` +
      `worst ${worst(samples).toFixed(1).padStart(6)} ms`,
  );
  await page.close();
}

for (const units of SIZES) {
  const file = join(dir, `plan-${units}.pace.json`);
  writeFileSync(file, JSON.stringify(bigPlan(units)));
  const page = await openApp(browser, server.url);
  const loadStart = Date.now();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('plan-title').getByText(`压力测试 ${units}个单位`).waitFor({ timeout: 120000 });
  const importMs = Date.now() - loadStart;
  await page.getByTestId('tab-entry').click();
  const cell = page.getByLabel(`单位1 · 新批注册外资 · 完成数`, { exact: true });
  await cell.waitFor({ timeout: 120000 });
  await cell.click();
  await cell.press('Control+A');
  await page.keyboard.type('5');
  const savesBefore = await page.evaluate(() => performance.getEntriesByName('pace-save').length);
  await page.evaluate(PROBE);
  const samples = await typeAndMeasure(page);
  const handler = (await page.evaluate(() => window.__pace.handler)).sort((a, b) => a - b);
  // Saving is debounced (it runs once typing pauses); the app times each save with the
  // Performance API as 'pace-save'.
  await page.waitForFunction(
    (before) => performance.getEntriesByName('pace-save').length > before,
    savesBefore,
    { timeout: 10000 },
  );
  const saves = await page.evaluate(() =>
    performance.getEntriesByName('pace-save').map((e) => e.duration),
  );
  const lastSave = saves[saves.length - 1];
  console.log(
    `latency: ${String(units).padStart(5)} units  median ${median(samples).toFixed(1).padStart(6)} ms  ` +
      `worst ${worst(samples).toFixed(1).padStart(6)} ms  (input handled after ${median(handler).toFixed(1)} ms; ` +
      `${samples.length} keystrokes; import+render ${importMs} ms; ` +
      `save after typing ${lastSave.toFixed(1)} ms)`,
  );
  await page.context().close();
}
await browser.close();
server.close();
