#!/usr/bin/env node
// Trunk's post-build hook (Trunk.toml [[hooks]]). Trunk starts the hooks of one stage all at
// once, so the two steps, which must run in this order, are one hook:
//   1. scripts/split.mjs: the page's wasm cut into a main module and the panels on demand;
//   2. scripts/offline.mjs: the service worker's list of the finished files, and the CSP.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

for (const step of ['split.mjs', 'offline.mjs']) {
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL(step, import.meta.url))], { stdio: 'inherit' });
  } catch {
    process.exit(1);
  }
}
