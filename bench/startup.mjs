#!/usr/bin/env node
// Start-up: from the address entered to the first painted frame that shows the example plan's
// results, in headless Chromium against the release build in dist/, served brotli-compressed as
// a deployment should (README, Deployment). Conditions as in issue 14: the CPU slowed 4× and a
// 10 Mbit/s link with 40 ms latency (Chrome DevTools Protocol emulation).
//   first visit   a new browser profile each time: everything comes over the link;
//   repeat visit  the address opened again in the same profile once the service worker has the
//                 build: nothing does. (Not a reload: a reload keeps the place scrolled to, for
//                 which the page draws the 通报表 in its first frame.)
// Prints the median and the spread of RUNS runs of each. Usage: node bench/startup.mjs [runs]
// [dist folder] (dist/ unless given: to compare two builds, run each in turn).
import { DIST, answeredByWorker, launch, serveDist } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const server = await serveDist(process.argv[3] ?? DIST, { brotli: true });
const browser = await launch();

// Stamps the first frame painted with the results' first figure (the first card's completion
// rate). The browser says when it presented that figure (Element Timing: the probe marks the
// figure with `elementtiming` before its first paint); the first message after that frame, the
// older measure, is kept beside it: it also counts whatever the page runs right after the frame.
// The 通报表, below the fold, comes a frame later: its first cell is timed the same way.
const PROBE = () => {
  const figure = () => document.querySelector('[data-testid=summary-registered] .tier-completion');
  const seen = () => /%/.test(figure()?.textContent ?? '');
  const cell = () => document.querySelector('[data-testid=results-table] tbody td.num');
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === 'pace-results' && window.__painted === undefined) {
        window.__painted = entry.renderTime || entry.loadTime;
        console.log('pace-startup: painted');
      }
      if (entry.identifier === 'pace-table' && window.__table === undefined) {
        window.__table = entry.renderTime || entry.loadTime;
      }
    }
  }).observe({ type: 'element', buffered: true });
  const stamp = () =>
    requestAnimationFrame(() => {
      // A message posted from rAF arrives after the frame is painted and what is queued before it.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__free = performance.now();
      };
      channel.port2.postMessage(0);
    });
  // Each figure is marked once, as soon as it has its text; then the observer stops.
  const observer = new MutationObserver(() => {
    if (seen() && !figure().hasAttribute('elementtiming')) {
      figure().setAttribute('elementtiming', 'pace-results');
      stamp();
    }
    if (cell()?.textContent && !cell().hasAttribute('elementtiming')) {
      cell().setAttribute('elementtiming', 'pace-table');
    }
    if (figure()?.hasAttribute('elementtiming') && cell()?.hasAttribute('elementtiming')) {
      observer.disconnect();
    }
  });
  addEventListener('TrunkApplicationStarted', () => {
    window.__started = performance.now();
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true, characterData: true }),
  );
};

async function throttled(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 40,
    downloadThroughput: (10 * 1000 * 1000) / 8,
    uploadThroughput: (10 * 1000 * 1000) / 8,
  });
}

/** Milliseconds from navigation start to the painted results, and the bytes that came over. */
async function visit(page) {
  // Waits for the probe's console message rather than polling with waitForFunction: polling
  // evaluates Playwright's own script in the page during the start (94 ms at a 4× slower CPU),
  // which delays the probe's stamp by that much.
  const painted = page.waitForEvent('console', {
    predicate: (message) => message.text() === 'pace-startup: painted',
    timeout: 60000,
  });
  // From a blank page, so that opening the address the page is already on is not a reload.
  await page.goto('about:blank');
  await page.goto(server.url, { waitUntil: 'commit' });
  await painted;
  const navigation = await page.evaluate(() => performance.getEntriesByType('navigation')[0].type);
  if (navigation !== 'navigate') throw new Error(`measured a ${navigation}, not a visit`);
  await page.waitForFunction(
    () => window.__painted !== undefined && window.__free !== undefined && window.__table !== undefined,
  );
  return page.evaluate(() => ({
    ms: window.__painted,
    free: window.__free,
    table: window.__table,
    // The wasm downloaded (or read from the cache), and the app mounted (Trunk's event fires
    // after main() returned, which renders the page).
    wasm: performance.getEntriesByType('resource').find((e) => /_bg\.wasm$/.test(e.name))?.responseEnd ?? 0,
    started: window.__started,
    bytes: performance
      .getEntriesByType('resource')
      .concat(performance.getEntriesByType('navigation'))
      .reduce((n, e) => n + e.transferSize, 0),
    worker: performance.getEntriesByType('navigation')[0].workerStart > 0,
  }));
}

// The compressed files are prepared once, outside the measurement.
{
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByTestId('app').waitFor();
  await page.context().close();
}

const first = [];
const repeat = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await throttled(page);
  first.push(await visit(page));
  // The service worker caches the build after the first visit; a repeat visit is one it answers.
  await answeredByWorker(page);
  // That visit has settled (its parts fetched, nothing left for the worker to answer): a repeat
  // visit is the next day's, not one racing the last page's end.
  await page.waitForLoadState('networkidle');
  const again = await visit(page);
  if (!again.worker) throw new Error('the repeat visit was not answered by the service worker');
  repeat.push(again);
  await context.close();
}

const line = (label, samples) => {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const kb = samples.reduce((n, s) => n + s.bytes, 0) / samples.length / 1024;
  const mid = (key) => {
    const values = samples.map((s) => s[key]).sort((a, b) => a - b);
    return Math.round(values[Math.floor(values.length / 2)]);
  };
  console.log(
    `startup: ${label.padEnd(13)} median ${String(Math.round(ms[Math.floor(ms.length / 2)])).padStart(5)} ms  ` +
      `(min ${Math.round(ms[0])}, max ${Math.round(ms[ms.length - 1])}; ${samples.length} runs; ` +
      `${kb.toFixed(0)} kB over the link on average)\n` +
      `startup: ${''.padEnd(13)} medians: wasm in hand ${mid('wasm')} ms, app mounted ${mid('started')} ms, ` +
      `results painted ${mid('ms')} ms, next task ${mid('free')} ms, 通报表 painted ${mid('table')} ms`,
  );
};
console.log('startup: CPU 4× slower, 10 Mbit/s, 40 ms latency; dist/ served brotli-compressed');
line('first visit', first);
line('repeat visit', repeat);
await browser.close();
server.close();
