//! 导入 / 导出: a plan file in the interchange format of SPEC §6. An imported plan opens on
//! screen (the one it replaces comes back with undo); a file that cannot be read changes nothing
//! and says where the fault is.

use super::file_io::{download_text, read_picked_file};
use super::i18n::{Lang, Language};
use crate::engine::interchange::{export_file_name, read_plan, write_plan};
use crate::store::view::{Tab, ViewState};
use crate::store::PlanStore;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[component]
pub fn ImportExport() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let message = RwSignal::new(None::<String>);
    let picker = NodeRef::<leptos::html::Input>::new();

    let on_pick = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        spawn_local(async move {
            let Some((name, text)) = read_picked_file(&input).await else {
                return;
            };
            input.set_value("");
            let result = text.and_then(|t| read_plan(&t).map_err(|e| e.to_string()));
            match result {
                Ok(plan) => {
                    store.replace(plan, false);
                    view_state.tab.set(Tab::Results);
                    message.set(None);
                }
                Err(fault) => message.set(Some(match lang.get_untracked() {
                    Lang::Zh => format!("无法导入“{name}”，当前数据未改动：{fault}"),
                    Lang::En => {
                        format!("Could not import \"{name}\"; nothing was changed: {fault}")
                    }
                })),
            }
        });
    };
    let export = move |_| {
        let (name, text) = store
            .plan()
            .with_untracked(|p| (export_file_name(&p.title), write_plan(p)));
        if let Err(e) = download_text(&name, &text, "application/json") {
            message.set(Some(e));
        }
    };

    view! {
        <input
            type="file"
            accept=".json,application/json"
            class="sr-only"
            data-testid="import-file"
            node_ref=picker
            on:change=on_pick
        />
        <button
            type="button"
            data-testid="import"
            on:click=move |_| {
                if let Some(input) = picker.get() {
                    input.click();
                }
            }
        >
            {move || lang.tr("导入", "Import")}
        </button>
        <button type="button" data-testid="export" on:click=export>
            {move || lang.tr("导出", "Export")}
        </button>
        {move || {
            message
                .get()
                .map(|m| {
                    view! {
                        <div class="banner error" role="alert" data-testid="import-error">
                            {m}
                            <button type="button" class="link" on:click=move |_| message.set(None)>
                                {lang.tr("关闭", "Dismiss")}
                            </button>
                        </div>
                    }
                })
        }}
    }
}
