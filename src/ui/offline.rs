//! Offline use and the app's version: the banner offering a new build (刷新) and the footer line
//! saying which build runs and whether it works offline. The service worker itself is
//! `pwa/sw.js`, finished at each build by `scripts/offline.mjs`; `js/offline.js` registers it.

use super::i18n::Language;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/ui/js/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = watchUpdates)]
    fn watch_updates(on_ready: &js_sys::Function) -> String;
    #[wasm_bindgen(js_name = applyUpdate)]
    fn apply_update();
}

/// Whether this page can work offline.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OfflineUse {
    On,
    /// Plain http on a host other than this computer: no service worker is allowed.
    Insecure,
    Unsupported,
}

/// The build's id that `scripts/offline.mjs` wrote into index.html (`<meta name="pace-build">`),
/// or `None` for a build without it.
fn build_id() -> Option<String> {
    document()
        .query_selector("meta[name=pace-build]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
}

/// Registers the service worker; shows 有新版本 · 刷新 (fixed at the bottom of the window) when a
/// new build waits, and the footer: the version and whether the page works offline.
/// Reloading is only ever the person's click: a cell being edited is never lost to it (the click
/// takes the focus, which commits the cell, and leaving the page saves).
#[component]
pub fn OfflineFooter() -> impl IntoView {
    let lang = Language::expect();
    let ready = RwSignal::new(false);
    let on_ready = Closure::<dyn FnMut()>::new(move || ready.set(true));
    let state = match watch_updates(on_ready.as_ref().unchecked_ref()).as_str() {
        "on" => OfflineUse::On,
        "insecure" => OfflineUse::Insecure,
        _ => OfflineUse::Unsupported,
    };
    // Called whenever a build is ready, for as long as the page lives.
    on_ready.forget();
    let version = build_id();
    view! {
        {move || ready.get().then(|| view! {
            <div class="banner update" role="status" data-testid="update-ready">
                <span>{move || lang.tr(
                    "Pace 有新版本。刷新后使用新版本，数据不受影响。",
                    "A new version of Pace is ready. Reload to use it; your data stays.",
                )}</span>
                " "
                <button type="button" data-testid="update-reload" on:click=move |_| apply_update()>
                    {move || lang.tr("刷新", "Reload")}
                </button>
                <button type="button" data-testid="update-later" on:click=move |_| ready.set(false)>
                    {move || lang.tr("稍后", "Later")}
                </button>
            </div>
        })}
        <footer class="app-footer" data-testid="app-footer">
            {version.map(|id| view! {
                <span data-testid="app-version">
                    {move || lang.tr("版本 ", "Version ")} {id}
                </span>
            })}
            <span data-testid="offline-state" data-state=match state {
                OfflineUse::On => "on",
                OfflineUse::Insecure => "insecure",
                OfflineUse::Unsupported => "unsupported",
            }>
                {move || match state {
                    OfflineUse::On => lang.tr(
                        "打开过一次后，断网也能使用",
                        "Works offline once opened",
                    ),
                    OfflineUse::Insecure => lang.tr(
                        "此地址为 http：离线使用需要 https 或本机（localhost）地址，其他功能不受影响",
                        "This address is plain http: offline use needs https or localhost; everything else works",
                    ),
                    OfflineUse::Unsupported => lang.tr(
                        "此浏览器不支持离线使用",
                        "This browser cannot keep Pace for offline use",
                    ),
                }}
            </span>
        </footer>
    }
}
