//! 导入 / 导出 / 分享: plans in and out as SPEC §6 documents. An import — from the file picker, a
//! file dropped on the page, or pasted text — never overwrites: it opens as a new saved plan (a
//! title already in use gets a suffix). A document that cannot be read changes nothing and says
//! where the fault is. An export is read back before it is offered, and must give the same plan.
//! A spreadsheet file (.csv, .xlsx) picked or dropped the same way opens in the paste preview of
//! 录入数据 instead, as if its sheet had been copied from Excel (`sheet_files`).

use super::file_io::{download_text, read_bytes, utf8_text};
use super::i18n::{Lang, Language};
use super::paste_preview::PendingPaste;
use super::popup::{close_like_a_menu, focus, focus_soon};
use super::print_view::Printing;
use super::share::{copy_to_clipboard, share_link, LONG_LINK_BYTES};
use super::sheet_files::{
    decode_text, file_kind, has_text, named_as_sheet, read_workbook, FileKind, ReadSheet,
};
use super::trouble::{problem_words, worded_view, Context, Problem, Trouble};
use crate::engine::interchange::{
    canonical, export_file_name, read_plan, write_plan, MAX_DOCUMENT_BYTES,
};
use crate::engine::paste::{parse_block, parse_cells};
use crate::engine::workbook::WorkbookError;
use crate::store::saved::{Library, Naming};
use crate::store::view::{Tab, ViewState};
use crate::store::PlanStore;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Downloads the plan on screen under SPEC §6's file name, once its own bytes have been read back
/// and found to give the same plan.
pub fn export_plan(store: PlanStore, library: Library) -> Result<(), Trouble> {
    let (name, text, same) = store.whole().with_untracked(|p| {
        let text = write_plan(p);
        // Parts without data (an empty figure, an inflow with nothing set) are not written.
        let same = read_plan(&text).is_ok_and(|read| read == canonical(p));
        (export_file_name(&p.title), text, same)
    });
    if !same {
        return Err(Trouble::ExportMismatch);
    }
    download_text(&name, &text, "application/json").map_err(Trouble::DownloadFailed)?;
    library.exported();
    Ok(())
}

/// Refuses a file over the document limit before reading it (a 1 GB file would otherwise be read
/// into memory whole first). Spreadsheets have the same limit.
fn check_size(file: &web_sys::File) -> Result<(), Trouble> {
    if file.size() <= MAX_DOCUMENT_BYTES as f64 {
        return Ok(());
    }
    let bytes = file.size() as u64;
    Err(if named_as_sheet(&file.name()) {
        Trouble::SheetTooLarge { bytes }
    } else {
        Trouble::FileTooLarge { bytes }
    })
}

/// Whether pasted text is a table (cells by tabs, rows by lines) rather than a JSON document.
fn is_sheet(text: &str) -> bool {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    !text.starts_with(['{', '[']) && text.trim_end().contains(['\t', '\n'])
}

/// The header's 粘贴导入 and 分享 panels, each after the button that opens it (`close_like_a_menu`).
const PASTE_PARTS: &[&str] = &["#paste-import", "#paste-panel"];
const SHARE_PARTS: &[&str] = &["#share", "#share-panel"];
/// 导入, the file input behind it (focused by a file chosen), and the error it may show.
const IMPORT_ERROR_PARTS: &[&str] = &[
    "[data-testid=import]",
    "[data-testid=import-file]",
    "[data-testid=import-error]",
];

/// Opens `text` as a new plan, or says why it cannot (nothing changes then).
fn import_text(library: Library, text: &str) -> Result<(), Trouble> {
    let plan = read_plan(text).map_err(Trouble::Document)?;
    if library.create(plan, Naming::AsWritten) {
        Ok(())
    } else {
        Err(Trouble::NewerStorage)
    }
}

/// What an opened file became.
enum Opened {
    /// A new plan.
    Plan,
    /// A sheet in the paste preview; for a workbook, its bytes and sheets (to show another).
    Sheet(Option<OpenBook>),
}

/// A workbook whose sheet is in the preview: kept to show another of its sheets.
#[derive(Clone)]
struct OpenBook {
    name: String,
    bytes: Arc<Vec<u8>>,
    read: Arc<ReadSheet>,
}

/// Reads a picked or dropped file: a plan opens as a new plan, a spreadsheet goes to the paste
/// preview; why not, with the file's name.
async fn import_file(
    library: Library,
    pending: PendingPaste,
    file: web_sys::File,
) -> Result<Opened, Problem> {
    let name = file.name();
    let opened = async {
        check_size(&file)?;
        let bytes = read_bytes(&file).await?;
        match file_kind(&name, &bytes) {
            FileKind::Plan => import_text(library, &utf8_text(bytes)?).map(|()| Opened::Plan),
            FileKind::Csv => {
                let cells = parse_cells(&decode_text(&bytes)?, ',');
                if !has_text(&cells) {
                    return Err(Trouble::EmptySheet);
                }
                pending.offer_cells(cells);
                Ok(Opened::Sheet(None))
            }
            FileKind::Xlsx => {
                let read = read_workbook(&bytes, None).await?;
                offer_sheet(pending, &read)?;
                Ok(Opened::Sheet(Some(OpenBook {
                    name: name.clone(),
                    bytes: Arc::new(bytes),
                    read: Arc::new(read),
                })))
            }
            FileKind::OldExcel => Err(Trouble::OldExcel),
            FileKind::EncryptedXlsx => Err(Trouble::Workbook(WorkbookError::Encrypted)),
        }
    };
    opened.await.map_err(|trouble| Problem {
        context: Context::File(name.clone()),
        trouble,
    })
}

/// Puts a read sheet into the paste preview; an empty one is refused.
fn offer_sheet(pending: PendingPaste, read: &ReadSheet) -> Result<(), Trouble> {
    if !has_text(&read.cells) {
        return Err(Trouble::EmptySheet);
    }
    pending.offer_cells(read.cells.clone());
    Ok(())
}

#[component]
pub fn ImportExport() -> impl IntoView {
    let store = PlanStore::expect();
    let library = Library::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let pending = PendingPaste::expect();
    let message = RwSignal::new(None::<Arc<Problem>>);
    // The workbook whose sheet is in the preview, when it has several: another can be chosen.
    let book = RwSignal::new(None::<OpenBook>);
    let picker = NodeRef::<leptos::html::Input>::new();
    let pasting = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    close_like_a_menu(
        PASTE_PARTS,
        move || pasting.get_untracked(),
        move || pasting.set(false),
    );
    close_like_a_menu(
        SHARE_PARTS,
        move || link.with_untracked(Option::is_some),
        move || link.set(None),
    );
    // An import's error closes like a menu too (Esc, focus back on 导入; a press elsewhere), as
    // 打印's message does.
    close_like_a_menu(
        IMPORT_ERROR_PARTS,
        move || message.with_untracked(Option::is_some),
        move || message.set(None),
    );
    // An import's error and 打印's message open in the same place below the header: the newer
    // one replaces the other rather than covering it.
    let printing = Printing::expect();
    Effect::new(move || {
        if printing.unloaded() {
            message.set(None);
        }
    });
    Effect::new(move || {
        if message.with(Option::is_some) {
            printing.dismiss();
        }
    });

    let finish = move |result: Result<(), Problem>| match result {
        Ok(()) => {
            view_state.tab.set(Tab::Results);
            message.set(None);
        }
        Err(problem) => message.set(Some(Arc::new(problem))),
    };
    let finish_file = move |result: Result<Opened, Problem>| match result {
        Ok(Opened::Sheet(opened)) => {
            view_state.tab.set(Tab::Entry);
            message.set(None);
            book.set(opened.filter(|b| b.read.sheets.len() > 1));
            focus_soon("#paste-preview");
        }
        Ok(Opened::Plan) => {
            book.set(None);
            finish(Ok(()));
        }
        Err(problem) => finish(Err(problem)),
    };
    // Another sheet of the open workbook.
    let choose_sheet = move |sheet: usize| {
        let Some(open) = book.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let read = match read_workbook(&open.bytes, Some(sheet)).await {
                Ok(read) => read,
                Err(trouble) => {
                    return finish(Err(Problem {
                        context: Context::File(open.name.clone()),
                        trouble,
                    }))
                }
            };
            let offered = offer_sheet(pending, &read);
            // The workbook stays open either way: an empty sheet says so, another can be chosen.
            book.set(Some(OpenBook {
                read: Arc::new(read),
                ..open.clone()
            }));
            match offered {
                Ok(()) => {
                    view_state.tab.set(Tab::Entry);
                    message.set(None);
                }
                Err(trouble) => finish(Err(Problem {
                    context: Context::File(open.name),
                    trouble,
                })),
            }
        });
    };
    let out = move |trouble| {
        message.set(Some(Arc::new(Problem {
            context: Context::Out,
            trouble,
        })))
    };
    let on_pick = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move { finish_file(import_file(library, pending, file).await) });
    };
    // A file dropped anywhere on the page is imported.
    let on_drag = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let on_drop = window_event_listener(leptos::ev::drop, move |ev| {
        let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        ev.prevent_default();
        spawn_local(async move { finish_file(import_file(library, pending, file).await) });
    });
    on_cleanup(move || {
        on_drag.remove();
        on_drop.remove();
    });
    let import_pasted = move |_| {
        let text = pasted.get_untracked();
        // A block copied from Excel or WPS goes to the same preview as a paste into the grid;
        // anything else is read as an exported plan.
        if is_sheet(&text) {
            PendingPaste::expect().offer_cells(parse_block(&text));
            pasting.set(false);
            pasted.set(String::new());
            // Read the preview next (its heading, then its choices and 确认导入).
            focus_soon("#paste-preview");
            return;
        }
        let result = import_text(library, &text);
        if result.is_ok() {
            pasting.set(false);
            pasted.set(String::new());
            focus(PASTE_PARTS[0]);
        }
        finish(result.map_err(|trouble| Problem {
            context: Context::Pasted,
            trouble,
        }));
    };
    let export = move |_| {
        if let Err(trouble) = export_plan(store, library) {
            out(trouble);
        }
    };
    let share = move |_| {
        let plan = store.whole().get_untracked();
        spawn_local(async move {
            match share_link(&plan).await {
                Ok(url) => {
                    copied.set(false);
                    link.set(Some(url));
                    focus_soon("#share-link");
                }
                Err(trouble) => out(trouble),
            }
        });
    };
    let copy = move |_| {
        if let Some(url) = link.get_untracked() {
            spawn_local(async move {
                match copy_to_clipboard(&url).await {
                    Ok(()) => copied.set(true),
                    Err(trouble) => out(trouble),
                }
            });
        }
    };

    view! {
        <input
            type="file"
            accept=".json,.csv,.xlsx,.xls,application/json,text/csv"
            class="sr-only"
            // Reached through 导入, never by Tab.
            tabindex="-1"
            aria-label=move || lang.tr("导入文件", "Import a file")
            data-testid="import-file"
            node_ref=picker
            on:change=on_pick
        />
        <button
            type="button"
            data-testid="import"
            title=move || lang.tr(
                "打开计划文件（.json）或表格文件（.xlsx、.csv），也可把文件拖到页面上",
                "Open a plan (.json) or a spreadsheet (.xlsx, .csv), or drop one on the page",
            )
            on:click=move |_| {
                if let Some(input) = picker.get() {
                    input.click();
                }
            }
        >
            {move || lang.tr("导入", "Import")}
        </button>
        {move || book.get().map(|open| {
            let read = open.read.clone();
            let options = read
                .sheets
                .iter()
                .enumerate()
                .map(|(i, name)| view! { <option value=i.to_string() selected=i == read.sheet>{name.clone()}</option> })
                .collect_view();
            let count = read.sheets.len();
            let file = open.name.clone();
            view! {
                <div class="banner panel" data-testid="sheet-choice">
                    <label>
                        {move || match lang.get() {
                            Lang::Zh => format!("“{file}”有 {count} 个工作表，预览的是："),
                            Lang::En => format!("“{file}” has {count} sheets; the preview shows "),
                        }}
                        <select
                            data-testid="sheet-select"
                            on:change=move |ev| {
                                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                    choose_sheet(i);
                                }
                            }
                        >
                            {options}
                        </select>
                    </label>
                    " "
                    <button type="button" class="link" on:click=move |_| book.set(None)>
                        {move || lang.tr("关闭", "Close")}
                    </button>
                </div>
            }
        })}
        <button
            type="button"
            id="paste-import"
            data-testid="paste-import"
            aria-expanded=move || pasting.get().to_string()
            on:click=move |_| {
                pasting.update(|p| *p = !*p);
                if pasting.get_untracked() {
                    focus_soon("#paste-text");
                }
            }
        >
            {move || lang.tr("粘贴导入", "Paste in")}
        </button>
        <button type="button" data-testid="export" on:click=export>
            {move || lang.tr("导出", "Export")}
        </button>
        <button type="button" id="share" data-testid="share" on:click=share>
            {move || lang.tr("分享", "Share")}
        </button>
        <Show when=move || pasting.get()>
            <div class="banner panel" id="paste-panel" data-testid="paste-panel">
                <label>
                    {move || lang.tr("粘贴从 Excel/WPS 复制的表格（先预览，确认后导入当前计划），或导出的JSON文本（作为新计划）：", "Paste a table copied from Excel or WPS (previewed, then applied to this plan) or an exported JSON document (opened as a new plan):")}
                    <textarea
                        id="paste-text"
                        data-testid="paste-text"
                        rows="5"
                        prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))
                    ></textarea>
                </label>
                <button type="button" data-testid="paste-confirm" on:click=import_pasted>
                    {move || lang.tr("导入", "Import")}
                </button>
                <button
                    type="button"
                    class="link"
                    on:click=move |_| {
                        pasting.set(false);
                        focus(PASTE_PARTS[0]);
                    }
                >
                    {move || lang.tr("取消", "Cancel")}
                </button>
            </div>
        </Show>
        {move || link.get().map(|url| {
            let long = url.len() > LONG_LINK_BYTES;
            // Tenths of a kB in integers (no float printing in the wasm).
            let tenths = (url.len() * 10).div_ceil(1024);
            let size = format!("{}.{} kB", tenths / 10, tenths % 10);
            view! {
                <div class="banner panel" id="share-panel" data-testid="share-panel">
                    <label>
                        {move || lang.tr("分享链接（打开后为未保存的副本）：", "Share link (opens as an unsaved copy):")}
                        <input type="text" readonly id="share-link" data-testid="share-link" prop:value=url.clone()/>
                    </label>
                    <button type="button" data-testid="share-copy" on:click=copy>
                        {move || if copied.get() { lang.tr("已复制", "Copied") } else { lang.tr("复制链接", "Copy link") }}
                    </button>
                    <button
                        type="button"
                        class="link"
                        on:click=move |_| {
                            link.set(None);
                            focus(SHARE_PARTS[0]);
                        }
                    >
                        {move || lang.tr("关闭", "Close")}
                    </button>
                    <Show when=move || long>
                        <p class="warn-text" role="alert" data-testid="share-long">
                            {
                                let size = size.clone();
                                move || match lang.get() {
                                    Lang::Zh => format!("链接较长（{size}），微信等聊天软件可能截断长链接。建议改为发送导出的JSON文件。"),
                                    Lang::En => format!("The link is long ({size}); chat apps may cut long links. Consider sending the exported JSON file instead."),
                                }
                            }
                            " "
                            <button type="button" on:click=export>{move || lang.tr("导出JSON文件", "Export the JSON file")}</button>
                        </p>
                    </Show>
                </div>
            }
        })}
        {move || {
            message
                .get()
                .map(|problem| {
                    view! {
                        <div class="banner error" role="alert" data-testid="import-error">
                            {move || worded_view(problem_words(lang.get(), &problem))}
                            " "
                            <button type="button" class="link" on:click=move |_| message.set(None)>
                                {lang.tr("关闭", "Dismiss")}
                            </button>
                        </div>
                    }
                })
        }}
    }
}
