//! Panels whose code is loaded on demand (issue 14): the first screen (the cards and the 通报表)
//! does not wait for the code of the other tabs.
//!
//! With the `split` feature (on by default; Trunk builds with it), each panel declared with
//! [`on_demand!`] is a split point of `wasm_split_helpers` (re-exported by Leptos):
//! `scripts/split.mjs`, run by Trunk after each build, cuts the wasm there into a main module
//! and one module per panel, fetched the first time the panel is shown. The page asks for all of
//! them right after its first frame ([`preload_panels`]), so a tab is normally there when it is
//! clicked, and the service worker keeps them for offline use. Without the feature (the
//! wasm-bindgen tests) the panels are plain functions.
//!
//! A panel that cannot be fetched (the network dropped before it arrived, and no service worker
//! yet) is a message with 重试, never a panic: the split points are `fallible`.

use super::i18n::Language;
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
/// built by code in a wasm module of its own, and `name::preload()`, which only fetches that
/// module. `name` is also the module's name in the build (`split_name…wasm`, scripts/split.mjs).
/// Written where the panels' components are in scope (`use super::*` inside).
macro_rules! on_demand {
    ($name:ident => $view:expr) => {
        pub mod $name {
            use super::*;
            use $crate::ui::on_demand::{Loading, Unloaded};

            #[cfg(feature = "split")]
            use leptos::wasm_split::wasm_split;

            #[cfg(feature = "split")]
            #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, preload(preload), fallible)]
            pub fn build() -> Result<AnyView, Unloaded> {
                Ok($view)
            }

            #[cfg(not(feature = "split"))]
            pub async fn build() -> Result<AnyView, Unloaded> {
                Ok($view)
            }

            /// Fetches the panel's code without showing it.
            #[cfg(not(feature = "split"))]
            pub async fn preload() -> Result<(), Unloaded> {
                Ok(())
            }

            /// The panel, once its code is in.
            pub fn load() -> Loading {
                Box::pin(build())
            }
        }
    };
}
pub(crate) use on_demand;

/// Shows the panel `load` gives: 正在载入… while its code is fetched, then the panel; if the
/// fetch fails, what happened and 重试.
#[component]
pub fn OnDemand(load: fn() -> Loading) -> impl IntoView {
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
                {move || lang.tr("正在载入…", "Loading…")}
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
                                    {move || lang.tr(
                                        "这一部分还没有下载到（网络已断开？）。联网后点重试。",
                                        "This part of Pace has not been downloaded yet (is the network down?). Reconnect and press Retry.",
                                    )}
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
