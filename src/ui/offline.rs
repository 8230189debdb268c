//! Offline use and the app's version: the banner offering a new build (刷新) and the footer line
//! saying which build runs and whether it works offline. The service worker itself is
//! `pwa/sw.js`, finished at each build by `scripts/offline.mjs`; `js/offline.js` registers it.

use super::i18n::Language;
use super::popup::focus;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/ui/js/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = watchUpdates)]
    fn watch_updates(on_offer: &js_sys::Function, on_state: &js_sys::Function) -> String;
    #[wasm_bindgen(js_name = applyUpdate)]
    fn apply_update();
    /// Whether another tab let a new build take over while this page runs an old one. The page
    /// then starts no spreadsheet worker (it would be the new build's) until it is reloaded.
    #[wasm_bindgen(js_name = isStale)]
    pub fn runs_old_build() -> bool;
}

/// How offline use stands, as `js/offline.js` names it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OfflineUse {
    /// The first visit: the service worker is being installed.
    Preparing,
    /// A build is kept: the page opens without the network.
    On,
    /// Keeping the build failed (a file missing, or not this build's, on the server).
    Failed,
    /// Plain http on a host other than this computer: no service worker is allowed.
    Insecure,
    /// A browser without service workers.
    Unsupported,
}

/// Each state with the name `js/offline.js` and the footer's `data-state` give it.
const OFFLINE_NAMES: [(OfflineUse, &str); 5] = [
    (OfflineUse::Preparing, "preparing"),
    (OfflineUse::On, "on"),
    (OfflineUse::Failed, "failed"),
    (OfflineUse::Insecure, "insecure"),
    (OfflineUse::Unsupported, "unsupported"),
];

impl OfflineUse {
    fn named(name: &str) -> OfflineUse {
        OFFLINE_NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map_or(OfflineUse::Unsupported, |(state, _)| *state)
    }

    fn name(self) -> &'static str {
        OFFLINE_NAMES
            .iter()
            .find(|(state, _)| *state == self)
            .map_or("unsupported", |(_, n)| n)
    }
}

/// What the update offer says: a new build waits, or another tab already let it take over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Update {
    None,
    Waiting,
    /// This page runs the old build under the new one's worker.
    TakenElsewhere,
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

/// How offline use stands and whether a new build waits: started once by the app root and
/// provided as context to [`UpdateOffer`] and [`OfflineFooter`].
#[derive(Clone, Copy)]
pub struct OfflineStatus {
    update: RwSignal<Update>,
    state: RwSignal<OfflineUse>,
}

impl OfflineStatus {
    /// Registers the service worker after the first frame (its download of the whole build never
    /// competes with the first paint) and follows it for as long as the page lives.
    pub fn start() -> OfflineStatus {
        let update = RwSignal::new(Update::None);
        let state = RwSignal::new(OfflineUse::Preparing);
        request_animation_frame(move || {
            let on_offer = Closure::<dyn FnMut(String)>::new(move |kind: String| {
                update.set(if kind == "stale" {
                    Update::TakenElsewhere
                } else {
                    Update::Waiting
                })
            });
            let on_state = Closure::<dyn FnMut(String)>::new(move |name: String| {
                state.set(OfflineUse::named(&name))
            });
            state.set(OfflineUse::named(&watch_updates(
                on_offer.as_ref().unchecked_ref(),
                on_state.as_ref().unchecked_ref(),
            )));
            // Called for as long as the page lives; made once per page.
            on_offer.forget();
            on_state.forget();
        });
        OfflineStatus { update, state }
    }
}

/// 有新版本 · 刷新 when a new build waits: fixed at the bottom of the window, but early in the
/// page's order so that the keyboard reaches it soon after the header. The live region is always
/// there, so that screen readers announce the offer when it appears. Reloading is only ever the
/// person's click: a cell being edited is never lost to it (the click takes the focus, which
/// commits the cell, and leaving the page saves).
#[component]
pub fn UpdateOffer() -> impl IntoView {
    let lang = Language::expect();
    let OfflineStatus { update, .. } = expect_context::<OfflineStatus>();
    view! {
        <div role="status" class="update-offer">
            {move || (update.get() != Update::None).then(|| view! {
                <div class="banner update" data-testid="update-ready">
                    <span>{move || if update.get() == Update::TakenElsewhere {
                        lang.tr(
                            "Pace 已在另一个标签页更新，本页仍是旧版本。请刷新本页，数据不受影响。",
                            "Pace was updated in another tab; this page still runs the old version. Reload it; your data stays.",
                        )
                    } else {
                        lang.tr(
                            "Pace 有新版本。刷新后使用新版本，数据不受影响。",
                            "A new version of Pace is ready. Reload to use it; your data stays.",
                        )
                    }}</span>
                    " "
                    <button type="button" data-testid="update-reload" on:click=move |_| apply_update()>
                        {move || lang.tr("刷新", "Reload")}
                    </button>
                    <button type="button" data-testid="update-later" on:click=move |_| {
                        update.set(Update::None);
                        // The offer is gone: focus goes on to the chosen tab, next in the page.
                        focus("[role=tab][aria-selected=true]");
                    }>
                        {move || lang.tr("稍后", "Later")}
                    </button>
                </div>
            })}
        </div>
    }
}

/// The footer: the build's version and whether the page works offline.
#[component]
pub fn OfflineFooter() -> impl IntoView {
    let lang = Language::expect();
    let OfflineStatus { state, .. } = expect_context::<OfflineStatus>();
    let version = build_id();
    view! {
        <footer class="app-footer" data-testid="app-footer">
            {version.map(|id| view! {
                <span data-testid="app-version">
                    {move || lang.tr("版本 ", "Version ")} {id}
                </span>
            })}
            <span data-testid="offline-state" data-state=move || state.get().name()>
                {move || match state.get() {
                    OfflineUse::Preparing => lang.tr(
                        "正在保存到本机，以便断网时使用…",
                        "Keeping Pace on this computer for offline use…",
                    ),
                    OfflineUse::On => lang.tr(
                        "打开过一次后，断网也能使用",
                        "Works offline once opened",
                    ),
                    OfflineUse::Failed => lang.tr(
                        "未能保存到本机，断网时无法打开（服务器上的文件可能不完整，稍后再打开即可重试）",
                        "Could not keep Pace for offline use (the files on the server may be incomplete; opening it again retries)",
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
