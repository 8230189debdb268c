#!/usr/bin/env node
// Takes screenshots of the release build at desktop and phone sizes into target/screenshots/,
// for looking at what the page shows. Usage: node scripts/screenshots.mjs [name] [tab-testid] [en]
import { mkdirSync } from 'node:fs';
import { serveDist, launch, openApp } from '../tests/e2e/harness.mjs';

const out = new URL('../target/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const name = process.argv[2] ?? 'page';
const tab = process.argv[3];
const english = process.argv[4] === 'en';
const server = await serveDist();
const browser = await launch();
const sizes = {
  desktop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
};
for (const [label, viewport] of Object.entries(sizes)) {
  const page = await openApp(browser, server.url, { viewport });
  if (english) await page.getByTestId('lang').click();
  if (tab) await page.getByTestId(tab).click();
  const file = `${out}${name}-${label}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
  if (tab) {
    const panel = `${out}${name}-${label}-panel.png`;
    await page.locator('.tab-panel').screenshot({ path: panel });
    console.log(panel);
  }
  if (page.errors.length) console.log('page errors:', page.errors);
  await page.context().close();
}
await browser.close();
server.close();
