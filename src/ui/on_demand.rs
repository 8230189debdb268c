//! Parts of the page whose code is loaded on demand (issue 14): the first screen (the cards and
//! the 通报表) does not wait for the code of the other tabs, the open plans menu, the print view,
//! the header's file panels (with 录入数据's code) or storage's banners (with the plans menu's).
//!
//! With the `split` feature (on by default; Trunk builds with it), each part declared with
//! [`on_demand!`] is a split point of `wasm_split_helpers` (re-exported by Leptos):
//! `scripts/split.mjs`, run by Trunk after each build, cuts the wasm there into a main module
//! and one module per split name (a part declared `in` another's goes into that one's). The page
//! asks for all of them right after its first frame (each module's `fetch()`), so a part is
//! normally there when it is shown (and then drawn at once), and the service worker keeps them
//! for offline use. Without the feature (the wasm-bindgen tests) the parts are plain functions.
//!
//! A part that cannot be fetched (the network dropped before it arrived, and no service worker
//! yet) is a message with 重试, never a panic: the split points are `fallible`.

use super::i18n::Language;
use super::offline::runs_old_build;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// A panel's code could not be fetched (see the module's docs).
#[derive(Debug, Clone, Copy)]
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for Unloaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unloaded
    }
}

/// A panel on its way: the view once its code is in, or [`Unloaded`].
pub type Loading = Pin<Box<dyn Future<Output = Result<AnyView, Unloaded>> + Send>>;

/// `on_demand!(name => view)` declares a module `name` with `name::load()`, which gives the view
/// built by code in a wasm module of its own, and `name::fetch()`, which only starts fetching
/// that module (the page calls it for every part after its first frame: `App`'s
/// `fetch_parts`). `name` is also the module's name in the build (`pace-<id>_split_name.wasm`,
/// scripts/split.mjs). Written where the part's components are in scope (`use super::*`).
///
/// `on_demand!(name in part => view)` puts the view's code in the module of another part, `part`
/// (fetched with it: no `fetch()` of its own). Each module the build cuts off also cuts the code
/// it shares with the others into more files (`pace-<id>_chunk_<n>.wasm`), so rare views go
/// with a part whose business they share.
macro_rules! on_demand {
    ($name:ident => $view:expr) => {
        $crate::ui::on_demand::on_demand!(@part $name in $name, [preload(preload),] => $view, {
            /// Fetches the part's code without showing it: whether it is there.
            pub async fn ready() -> bool {
                #[cfg(feature = "split")]
                return preload().await.is_ok();
                #[cfg(not(feature = "split"))]
                true
            }

            /// Starts fetching the part's code without showing it. A failure is left for the
            /// part to report when it is shown.
            pub fn fetch() {
                leptos::task::spawn_local(async {
                    ready().await;
                });
            }
        });
    };
    ($name:ident in $module:ident => $view:expr) => {
        $crate::ui::on_demand::on_demand!(@part $name in $module, [] => $view, {});
    };
    (@part $name:ident in $module:ident, [$($preload:tt)*] => $view:expr, {$($more:item)*}) => {
        #[doc = concat!("`", stringify!($name), "`: a part of the page loaded on demand (see `ui::on_demand`).")]
        pub mod $name {
            use super::*;
            use $crate::ui::on_demand::{Loading, Unloaded};

            #[cfg(feature = "split")]
            use leptos::wasm_split::wasm_split;

            /// The part's view, built by the code of its module (fetched first if need be).
            #[cfg(feature = "split")]
            #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, $($preload)* fallible)]
            pub fn build() -> Result<AnyView, Unloaded> {
                Ok($view)
            }

            /// The part's view (no module of its own without the `split` feature).
            #[cfg(not(feature = "split"))]
            pub async fn build() -> Result<AnyView, Unloaded> {
                Ok($view)
            }

            /// The part, once its code is in.
            pub fn load() -> Loading {
                Box::pin(build())
            }

            $($more)*
        }
    };
}
pub(crate) use on_demand;

/// Shows the panel `load` gives: 正在载入… (or `waiting`) while its code is fetched, then the panel; if the
/// fetch fails, what happened and 重试.
#[component]
pub fn OnDemand(
    load: fn() -> Loading,
    /// What is shown while the code is fetched (Chinese, English): 正在载入… unless given.
    #[prop(optional)]
    waiting: Option<(&'static str, &'static str)>,
    /// What is said when the code cannot be fetched (Chinese, English): that the part has not
    /// been downloaded and to press 重试, unless given.
    #[prop(optional)]
    unloaded: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    let (waiting_zh, waiting_en) = waiting.unwrap_or(("正在载入…", "Loading…"));
    let (unloaded_zh, unloaded_en) = unloaded.unwrap_or((
        "这一部分还没有下载到（网络已断开？）。联网后点重试。",
        "This part of Pace has not been downloaded yet (is the network down?). Reconnect and press Retry.",
    ));
    let lang = expect_context::<Language>();
    let attempt = RwSignal::new(0_u32);
    // After 重试 fails again, focus is on the new 重试 (the old button is gone with its message).
    let retry = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = retry.get() {
            if attempt.get_untracked() > 0 {
                let _ = button.focus();
            }
        }
    });
    let loading = move || {
        view! {
            <p class="on-demand" role="status" data-testid="panel-loading">
                {move || lang.tr(waiting_zh, waiting_en)}
            </p>
        }
    };
    view! {
        <Suspense fallback=loading>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    match load().await {
                        Ok(panel) => panel,
                        Err(Unloaded) => view! {
                            <div class="banner error" role="alert" data-testid="panel-unloaded">
                                <span>
                                    {move || if runs_old_build() {
                                        // Another tab took a new build, whose files replaced
                                        // this one's: no retry can fetch them.
                                        lang.tr(
                                            "Pace 已在另一个标签页更新，这一部分需要先刷新本页（数据不受影响）。",
                                            "Pace was updated in another tab: reload this page (your data stays) to use this part.",
                                        )
                                    } else {
                                        lang.tr(unloaded_zh, unloaded_en)
                                    }}
                                </span>
                                " "
                                <button
                                    type="button"
                                    data-testid="panel-retry"
                                    node_ref=retry
                                    on:click=move |_| attempt.update(|n| *n = n.wrapping_add(1))
                                >
                                    {move || lang.tr("重试", "Retry")}
                                </button>
                            </div>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
