//! The data line under the header: where the plan is kept, when it was saved and last exported —
//! and, when something is wrong with storage, what happened and what to do, with nothing lost.

use super::file_io::download_text;
use super::i18n::{Lang, Language};
use super::import_export::export_plan;
use super::trouble::{problem_words, set_aside_words, worded_view, Context, Problem};
use crate::engine::example::welcome_example;
use crate::store::saved::{Conflict, Library, Note, Origin, StorageTrouble};
use crate::store::PlanStore;
use leptos::prelude::*;
use std::sync::Arc;

/// The time `ms` (milliseconds since 1970) in the browser's time zone.
fn date(ms: i64) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
}

/// `11-28 10:32`.
fn to_the_minute(d: &js_sys::Date) -> String {
    format!(
        "{:02}-{:02} {:02}:{:02}",
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// `11-28 10:32` in the browser's time zone.
fn local_time(ms: i64) -> String {
    to_the_minute(&date(ms))
}

/// `11-28 10:32:05` in the browser's time zone: two plans of one title, imported a moment apart,
/// are told apart by it in 我的计划.
pub(crate) fn local_time_to_the_second(ms: i64) -> String {
    let d = date(ms);
    format!("{}:{:02}", to_the_minute(&d), d.get_seconds())
}

#[component]
pub fn DataHealth() -> impl IntoView {
    let library = Library::expect();
    let store = PlanStore::expect();
    let lang = Language::expect();
    let export_message = RwSignal::new(None::<Arc<Problem>>);
    let export_now = move |_| {
        if let Err(trouble) = export_plan(store, library) {
            export_message.set(Some(Arc::new(Problem {
                context: Context::Out,
                trouble,
            })));
        }
    };
    // When the open plan was last saved and exported, as the catalogue records them (so they
    // survive a reload).
    let times = move || {
        let id = match library.origin().get() {
            Origin::Saved(id) => id,
            _ => return (None, None),
        };
        library.catalogue().with(|c| {
            c.entry(&id)
                .map_or((None, None), |e| (e.saved_at, e.exported_at))
        })
    };
    let status = move || {
        if library.safe_start().with(Option::is_some) {
            return lang
                .tr(
                    "安全模式：尚未打开任何计划，所有已保存的计划都在下面。",
                    "Safe mode: no plan is open; every saved plan is listed below.",
                )
                .to_string();
        }
        match library.origin().get() {
        Origin::Example => lang
            .tr(
                "示例尚未保存：修改后自动保存为您的计划。",
                "The example is not saved: once you change it, it is saved as your plan.",
            )
            .to_string(),
        Origin::Shared => lang
            .tr(
                "来自分享链接的副本，尚未保存：修改后自动保存为新计划，不影响已保存的计划。",
                "A copy from a share link, not saved: once you change it, it is saved as a new plan; saved plans are untouched.",
            )
            .to_string(),
        Origin::Newer(_, version) => match lang.get() {
            Lang::Zh => format!("此计划由更新版本的 Pace 保存（格式版本 {version}），本页只读，不会改写它。"),
            Lang::En => format!("This plan was saved by a newer Pace (format version {version}); read-only here, never written."),
        },
        Origin::Saved(_) => {
            let (saved, exported) = times();
            let (saved, exported) = (saved.map(local_time), exported.map(local_time));
            match lang.get() {
                Lang::Zh => format!(
                    "数据保存在本浏览器（localStorage）{} · 最近导出：{}",
                    saved.map(|t| format!(" · 已保存 {t}")).unwrap_or_default(),
                    exported.unwrap_or_else(|| "从未".into())
                ),
                Lang::En => format!(
                    "Kept in this browser (localStorage){} · last exported: {}",
                    saved.map(|t| format!(" · saved {t}")).unwrap_or_default(),
                    exported.unwrap_or_else(|| "never".into())
                ),
            }
        }
    }
    };
    let persisted = move || {
        library.persisted().get().map(|granted| {
            if granted {
                lang.tr("（已获浏览器持久保存）", " (persistent storage granted)")
            } else {
                lang.tr(
                    "（浏览器可能在空间不足时清除，请定期导出）",
                    " (the browser may clear it when space runs low: export now and then)",
                )
            }
        })
    };

    view! {
        <div class="data-health" data-testid="data-health" role="status">
            <span data-testid="data-status">{status}</span>
            <span class="muted">{persisted}</span>
        </div>
        {move || library.trouble().get().map(|trouble| {
            let (zh, en, detail) = match trouble {
                StorageTrouble::Unavailable(d) => (
                    "无法使用浏览器存储：修改只在本页内存中，关闭页面即丢失。请立即导出。",
                    "Browser storage cannot be used: changes live only in this page's memory and are lost when it closes. Export now.",
                    d,
                ),
                StorageTrouble::Full(d) => (
                    "浏览器存储已满，最近的修改未能保存（仍在本页内存中）。请立即导出，或删除不用的计划。",
                    "Browser storage is full: the latest changes are not saved (they are still in this page). Export now, or delete plans you no longer need.",
                    d,
                ),
            };
            view! {
                <div class="banner error" role="alert" data-testid="storage-trouble">
                    {move || lang.tr(zh, en)} " (" {detail.clone()} ") "
                    <button type="button" data-testid="export-now" on:click=export_now>
                        {move || lang.tr("立即导出", "Export now")}
                    </button>
                </div>
            }
        })}
        {move || export_message.get().map(|m| view! {
            <div class="banner error" role="alert">{move || worded_view(problem_words(lang.get(), &m))}</div>
        })}
        <Show when=move || library.newer_layout().get()>
            <div class="banner warn" role="alert" data-testid="newer-data">
                {move || lang.tr(
                    "此浏览器中的数据由更新版本的 Pace 保存。本页只读，不会改写这些数据。",
                    "The data in this browser was saved by a newer Pace. This page is read-only and will not write over it.",
                )}
            </div>
        </Show>
        {move || library.conflict().get().map(|conflict| {
            let message = match conflict {
                Conflict::Changed => lang.tr(
                    "此计划已在另一个标签页中修改并保存。本页的修改尚未保存，也没有覆盖另一页的版本。",
                    "This plan was changed and saved in another tab. This page's changes are not saved and did not overwrite that version.",
                ),
                Conflict::Deleted => lang.tr(
                    "此计划已在另一个标签页中删除。本页的修改尚未保存。",
                    "This plan was deleted in another tab. This page's changes are not saved.",
                ),
            };
            view! {
                <div class="banner warn" role="alert" data-testid="conflict">
                    {message} " "
                    <button type="button" data-testid="take-theirs" on:click=move |_| library.take_theirs(welcome_example())>
                        {move || lang.tr("载入另一页的版本", "Load the other tab's version")}
                    </button>
                    " "
                    <button type="button" data-testid="keep-mine" on:click=move |_| library.keep_mine_as_new()>
                        {move || lang.tr("把本页的版本另存为新计划", "Save this page's version as a new plan")}
                    </button>
                </div>
            }
        })}
        <For
            each=move || library.set_aside().get()
            key=|s| (s.key.clone(), s.text.len())
            let:item
        >
            {
                let dismiss_key = item.key.clone();
                let text = item.text.clone();
                view! {
                    <div class="banner error" role="alert" data-testid="set-aside">
                        {move || worded_view(set_aside_words(lang.get(), &item))}
                        " "
                        <button
                            type="button"
                            data-testid="download-set-aside"
                            on:click=move |_| { let _ = download_text("pace-unreadable.txt", &text, "text/plain"); }
                        >
                            {move || lang.tr("下载原始文本", "Download the raw text")}
                        </button>
                        " "
                        <button type="button" class="link" on:click=move |_| library.dismiss_set_aside(&dismiss_key)>
                            {move || lang.tr("不再提示", "Dismiss")}
                        </button>
                    </div>
                }
            }
        </For>
        {move || library.deleted().get().map(|title| view! {
            <div class="banner" role="status" data-testid="deleted">
                {move || match lang.get() {
                    Lang::Zh => format!("已删除“{title}”。"),
                    Lang::En => format!("Deleted \"{title}\"."),
                }}
                {move || library.undo_only_in_memory().then(|| lang.tr(
                    "存储空间已满，撤销副本只保存在本页中，关闭或刷新本页后无法撤销。",
                    "Storage is full: the undo copy is kept in this page only and is gone once the page is closed or reloaded.",
                ))}
                " "
                <button type="button" data-testid="undo-delete" on:click=move |_| library.undo_delete()>
                    {move || lang.tr("撤销删除", "Undo delete")}
                </button>
                <button type="button" class="link" on:click=move |_| library.dismiss_deleted()>
                    {move || lang.tr("关闭", "Dismiss")}
                </button>
            </div>
        })}
        {move || library.note().get().map(|note| {
            let (zh, en) = match note {
                Note::Synced => ("已载入另一标签页保存的新版本。", "Loaded the newer version saved in another tab."),
                Note::DeletedElsewhere => ("此计划已在另一标签页中删除；本页内容保留为未保存的副本。", "This plan was deleted in another tab; this page keeps it as an unsaved copy."),
                Note::Unreadable => ("该计划无法读取，已原样保留，见上方提示。", "That plan cannot be read; it is kept as it was (see above)."),
                Note::Merged => ("另一标签页同时修改了此计划的其他数据，两边的修改都已保留。", "Another tab changed other figures of this plan at the same time; both sets of changes were kept."),
            };
            view! {
                <div class="banner" role="status" data-testid="note">
                    {move || lang.tr(zh, en)} " "
                    <button type="button" class="link" on:click=move |_| library.dismiss_note()>
                        {move || lang.tr("关闭", "Dismiss")}
                    </button>
                </div>
            }
        })}
    }
}
