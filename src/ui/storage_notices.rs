//! What storage has to tell, below the data line (`data_health`): browser storage unusable or
//! full (with 立即导出), data of a newer Pace, another tab's change or deletion of this plan, a
//! stored text that could not be read (kept, with its raw text to download), a deletion to undo,
//! and notes. Rare, so loaded on demand with the plans menu's panel (`plans_menu`): the data
//! line shows them once `Library::has_notices`.

use super::file_io::download_text;
use super::i18n::{Lang, Language};
use super::import_export::export_plan;
use super::on_demand::on_demand;
use super::trouble::{problem_words, set_aside_words, worded_view, Context, Problem};
use crate::engine::example::welcome_example;
use crate::store::saved::{Conflict, Library, Note, StorageTrouble};
use crate::store::PlanStore;
use leptos::prelude::*;
use std::sync::Arc;

// Rare, so its code comes with the plans menu's panel: both are the saved plans' business, and a
// module of its own would be more files to fetch after the first frame.
on_demand!(notices in plans_panel => view! { <StorageNotices/> }.into_any());

/// The banners of what storage has to tell, each while it holds.
#[component]
pub fn StorageNotices() -> impl IntoView {
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
    view! {
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
                        // Deleted there: there is no other version, and this page's changes go
                        // (the button said 载入另一页的版本, and a tester lost a figure by it).
                        {move || match conflict {
                            Conflict::Changed => lang.tr("载入另一页的版本", "Load the other tab's version"),
                            Conflict::Deleted => lang.tr("同意删除，放弃本页的修改", "Accept the deletion and drop this page's changes"),
                        }}
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
