// The crash screen. Once Rust has panicked the wasm instance is gone (panic = "abort"), so this
// screen and its buttons are plain JavaScript that never calls back into the app.

import { applyUpdate } from './offline.js';

const FAULT_KEY = 'pace.v1.fault';
const PREFIX = 'pace.v1.';

const WORDS = {
  zh: {
    title: '出错了',
    body: 'Pace 遇到内部错误，已停止运行。数据已保存到出错前的最后一次自动保存（最后几秒内的输入可能未保存）。重新载入后，如仍出错，页面会以安全模式打开。',
    reload: '重新载入',
    export: '导出原始数据',
    detail: '技术细节',
  },
  en: {
    title: 'Something went wrong',
    body: 'Pace hit an internal error and has stopped. Your data is saved as of the last autosave before the error (typing in the last few seconds may be lost). After reloading, if the error comes back, the page opens in safe mode.',
    reload: 'Reload',
    export: 'Export raw data',
    detail: 'Technical detail',
  },
};

/** Every stored Pace text, as one JSON object { key: text }. */
function storedTexts() {
  const out = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(PREFIX)) out[key] = localStorage.getItem(key);
    }
  } catch (_) {
    // Storage unreachable: nothing to export.
  }
  return out;
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A reload after a crash shows the 通报表, not the tab that may have crashed (scroll_place.rs).
const forgetTab = () => {
  try {
    sessionStorage.removeItem(`pace.tab ${location.pathname}${location.search}`);
  } catch (_) {}
};

/** Records the fault (for the safe start) and covers the page with the crash screen. */
export function showCrash(message) {
  try {
    localStorage.setItem(FAULT_KEY, String(message).slice(0, 4000));
  } catch (_) {
    // Storage full or unreachable: the screen still shows.
  }
  forgetTab();
  addEventListener('pagehide', forgetTab);
  if (document.getElementById('pace-crash')) return;
  const lang = (document.documentElement.lang || 'zh').startsWith('en') ? 'en' : 'zh';
  const w = WORDS[lang];
  const box = document.createElement('div');
  box.id = 'pace-crash';
  box.className = 'crash';
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-labelledby', 'pace-crash-title');
  box.dataset.testid = 'crash';
  const card = document.createElement('div');
  card.className = 'crash-card';
  const h = document.createElement('h2');
  h.id = 'pace-crash-title';
  h.textContent = w.title;
  const p = document.createElement('p');
  p.textContent = w.body;
  const buttons = document.createElement('div');
  buttons.className = 'crash-actions';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'primary';
  reload.textContent = w.reload;
  // A fixed build may be waiting behind the service worker: reloading alone would start the
  // crashed build again, so the waiting one takes over first.
  reload.addEventListener('click', () => applyUpdate());
  const exp = document.createElement('button');
  exp.type = 'button';
  exp.textContent = w.export;
  exp.addEventListener('click', () =>
    download('pace-raw-data.json', JSON.stringify(storedTexts(), null, 2) + '\n'),
  );
  buttons.append(reload, exp);
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = w.detail;
  const pre = document.createElement('pre');
  pre.textContent = String(message);
  details.append(summary, pre);
  card.append(h, p, buttons, details);
  box.append(card);
  document.body.appendChild(box);
  reload.focus();
}

