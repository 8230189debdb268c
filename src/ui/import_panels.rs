//! What the header's 导入, 粘贴导入 and 分享 do, loaded on demand (issue 14: 8 kB brotli of the
//! main module that no first screen needs): reading a picked or dropped file (a plan opens as a
//! new plan, a spreadsheet goes to the paste preview of 录入数据), the workbook's sheet choice,
//! the 粘贴导入 panel and the 分享 panel (which makes the link). The buttons, the file input and
//! an import's error stay in the main module (`import_export`), which calls in here through
//! [`open_file`] and shows [`file_panels`] while one of the panels is open. The code is in
//! 录入数据's module (`entry_tab`), where a sheet opened goes.

use super::file_io::{read_bytes, utf8_text};
use super::i18n::Lang;
use super::import_export::{export_plan, Files, PASTE_PARTS};
use super::on_demand::on_demand;
use super::popup::{focus, focus_soon};
use super::share::{copy_to_clipboard, link_that_opens, share_link, LONG_LINK_BYTES};
use super::sheet_files::{
    decode_text, file_kind, has_text, named_as_sheet, read_workbook, FileKind, ReadSheet,
};
use super::trouble::{Context, Problem, Trouble};
use crate::engine::interchange::{read_plan, MAX_DOCUMENT_BYTES};
use crate::engine::paste::{
    json_without_a_plan, parse_block, parse_cells, pasted_text, PastedText,
};
use crate::engine::workbook::WorkbookError;
use crate::store::saved::{Library, Naming, Switch};
use crate::store::view::Tab;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;

on_demand!(file_panels in entry_tab => view! { <ImportPanels/> }.into_any());

/// Imports a picked or dropped file (see [`import_file`]) once this part's code is in; the
/// outcome is shown through `files`. `Err` only when the code could not be fetched.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(entry_tab, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn open_file(files: Files, file: web_sys::File) -> Result<(), super::on_demand::Unloaded> {
    spawn_local(async move { finish_file(files, import_file(files, file).await) });
    Ok(())
}

/// Imports a picked or dropped file (no module of its own without the `split` feature).
#[cfg(not(feature = "split"))]
pub async fn open_file(
    files: Files,
    file: web_sys::File,
) -> Result<(), super::on_demand::Unloaded> {
    finish_file(files, import_file(files, file).await);
    Ok(())
}

/// The plan on screen's share link, into the 分享 panel if it is still open; why not, into the
/// header's message.
async fn make_link(files: Files) {
    // The last link goes at once: it may be another plan's, or the plan before a change.
    files.link.set(None);
    files.copied.set(false);
    let plan = files.store.whole().get_untracked();
    let made = share_link(&plan).await;
    if !files.sharing.get_untracked() {
        return;
    }
    match made {
        Ok(url) => {
            files.copied.set(false);
            files.link.set(Some(url));
            focus_soon("#share-link");
        }
        Err(trouble) => {
            files.sharing.set(false);
            files.out(trouble);
        }
    }
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

/// Opens `text` as a new plan, or says why it cannot (nothing changes then).
fn import_text(library: Library, text: &str) -> Result<(), Trouble> {
    let plan = read_plan(text).map_err(Trouble::Document)?;
    match library.create(plan, Naming::AsWritten) {
        // Stayed: the person chose to keep the plan on screen, whose changes are not saved.
        Switch::Done | Switch::Stayed => Ok(()),
        Switch::Refused => Err(Trouble::NewerStorage),
    }
}

/// Pasted text longer than this is imported as it is pasted into 粘贴导入's empty box (or over all
/// of its text), not put in the box first (256 kB: the browser takes most of a second to lay that
/// out there).
const LARGE_PASTE_BYTES: usize = 256 * 1024;
/// Pasted text longer than this is put in 粘贴导入's box by the page rather than by the browser's
/// paste (which is slow over a selection, and more so the longer the text). The browser's own
/// undo does not see it.
const PUT_IN_BY_THE_PAGE_BYTES: usize = 16 * 1024;

/// The test id of the workbook's sheet choice, by which focus finds it again.
const SHEET_SELECT: &str = "sheet-select";

/// What an opened file became.
enum Opened {
    /// A new plan.
    Plan,
    /// A sheet in the paste preview; for a workbook, its bytes and sheets (to show another).
    Sheet(Option<OpenBook>),
    /// A share link, opened as the address bar would.
    Link,
}

/// A workbook whose sheet is in the preview: kept to show another of its sheets.
#[derive(Clone)]
pub struct OpenBook {
    name: String,
    bytes: Arc<Vec<u8>>,
    read: Arc<ReadSheet>,
    /// The offer of its sheet to the preview (`PendingPaste::showing`).
    offer: u64,
}

/// Reads a picked or dropped file: a plan opens as a new plan, a spreadsheet goes to the paste
/// preview; why not, with the file's name.
async fn import_file(files: Files, file: web_sys::File) -> Result<Opened, Problem> {
    let name = file.name();
    let opened = async {
        check_size(&file)?;
        let bytes = read_bytes(&file).await?;
        match file_kind(&name, &bytes) {
            FileKind::Plan => {
                let named_json = name.to_ascii_lowercase().ends_with(".json");
                open_text_file(files, bytes, named_json).await
            }
            FileKind::Csv => offer_text_sheet(files, &decode_text(&bytes)?, ','),
            FileKind::Xlsx => {
                let read = read_workbook(&bytes, None).await?;
                offer_sheet(files, &read)?;
                Ok(Opened::Sheet(Some(OpenBook {
                    name: name.clone(),
                    bytes: Arc::new(bytes),
                    read: Arc::new(read),
                    offer: files.pending.offers(),
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

/// A file that is neither a workbook nor named .csv: a plan (UTF-8 JSON, SPEC §6), or a table
/// saved as text under another name (.txt, .tsv, Excel's "Unicode 文本" in UTF-16, WPS's GBK),
/// which goes to the preview as a .csv would (a tester's got a JSON error); a share link opens.
/// A file named .json whose text is JSON is read as a plan (`paste::json_without_a_plan`).
async fn open_text_file(files: Files, bytes: Vec<u8>, named_json: bool) -> Result<Opened, Trouble> {
    let text = match utf8_text(bytes.clone()) {
        Ok(text) => text,
        // Not UTF-8, so no plan; but text all the same, unless it has a zero byte outside
        // UTF-16 (then it is no text at all).
        Err(Trouble::NotUtf8 { utf16 }) if utf16 || !bytes.contains(&0) => {
            match decode_text(&bytes) {
                Ok(text) if pasted_text(&text) != PastedText::Document => text,
                _ => return Err(Trouble::NotUtf8 { utf16 }),
            }
        }
        Err(trouble) => return Err(trouble),
    };
    match pasted_text(&text) {
        PastedText::Blank => Err(Trouble::EmptyFile),
        PastedText::Document => import_text(files.library, &text).map(|()| Opened::Plan),
        _ if named_json && json_without_a_plan(&text) => {
            import_text(files.library, &text).map(|()| Opened::Plan)
        }
        PastedText::Link => {
            open_link(files, &link_that_opens(&text).await?);
            Ok(Opened::Link)
        }
        PastedText::SeveralLinks => Err(Trouble::SeveralLinks),
        PastedText::Sheet => {
            let separator = if text.contains('\t') { '\t' } else { ',' };
            offer_text_sheet(files, &text, separator)
        }
    }
}

/// Puts a sheet of delimited text into the paste preview; one without any text is refused.
fn offer_text_sheet(files: Files, text: &str, separator: char) -> Result<Opened, Trouble> {
    let cells = parse_cells(text, separator);
    if !has_text(&cells) {
        return Err(Trouble::EmptySheet);
    }
    files.pending.offer_cells(cells);
    Ok(Opened::Sheet(None))
}

/// Opens a share link's fragment (`#plan=…`, one that opens: `link_that_opens`) as the address
/// bar would: the page listens for it.
fn open_link(files: Files, fragment: &str) {
    files.message.set(None);
    let _ = window().location().set_hash(fragment);
}

/// Puts a read sheet into the paste preview; an empty one is refused.
fn offer_sheet(files: Files, read: &ReadSheet) -> Result<(), Trouble> {
    if !has_text(&read.cells) {
        return Err(Trouble::EmptySheet);
    }
    files.pending.offer_cells(read.cells.clone());
    Ok(())
}

/// Shows what an opened file became: a new plan on the 通报表, a sheet in 录入数据's preview (with
/// the workbook's other sheets offered), or the trouble.
fn finish_file(files: Files, result: Result<Opened, Problem>) {
    match result {
        Ok(Opened::Sheet(opened)) => {
            files.view_state.tab.set(Tab::Entry);
            files.message.set(None);
            files.book.set(opened.filter(|b| b.read.sheets.len() > 1));
            focus_soon("#paste-preview");
        }
        Ok(Opened::Plan) => {
            files.book.set(None);
            files.finish(Ok(()));
        }
        Ok(Opened::Link) => files.book.set(None),
        Err(problem) => files.finish(Err(problem)),
    }
}

/// Another sheet of the open workbook, into the preview.
fn choose_sheet(files: Files, sheet: usize) {
    let Some(open) = files.book.get_untracked() else {
        return;
    };
    // The choice is drawn anew with the book: focus stays on it if it was there (it fell to the
    // page), so that the arrow keys go on through the sheets.
    let focused = document()
        .active_element()
        .is_some_and(|e| e.get_attribute("data-testid").as_deref() == Some(SHEET_SELECT));
    spawn_local(async move {
        let read = match read_workbook(&open.bytes, Some(sheet)).await {
            Ok(read) => read,
            Err(trouble) => {
                return files.finish(Err(Problem {
                    context: Context::File(open.name.clone()),
                    trouble,
                }))
            }
        };
        let offered = offer_sheet(files, &read);
        // The workbook stays open either way: an empty sheet says so, another can be chosen.
        files.book.set(Some(OpenBook {
            read: Arc::new(read),
            offer: files.pending.offers(),
            ..open.clone()
        }));
        if focused {
            focus_soon(format!("[data-testid={SHEET_SELECT}]"));
        }
        match offered {
            Ok(()) => {
                files.view_state.tab.set(Tab::Entry);
                files.message.set(None);
            }
            Err(trouble) => files.finish(Err(Problem {
                context: Context::File(open.name),
                trouble,
            })),
        }
    });
}

/// The panels of the header's file buttons that are open: a workbook's sheet choice, 粘贴导入's
/// text box, 分享's link.
#[component]
fn ImportPanels() -> impl IntoView {
    let files = Files::expect();
    let lang = files.lang;
    let pasting = files.pasting;
    let pasted = files.pasted;
    let link = files.link;
    let copied = files.copied;
    // Each import, each change of the box's text and the panel's closing start a new round: a
    // link still being read when its round is over does nothing (Esc, or 导入 pressed again,
    // while it was read left its message hidden, or opened it after all).
    let round = RwSignal::new(0_u64);
    let next_round = move || {
        round.update_untracked(|r| *r = r.wrapping_add(1));
        round.get_untracked()
    };
    let in_round = move |mine| round.try_get_untracked() == Some(mine) && pasting.get_untracked();
    Effect::new(move || {
        if !pasting.get() {
            next_round();
        }
    });
    // Said inside the panel, whose box keeps what was pasted, to mend (what was pasted straight
    // in is still on the clipboard, and the message says so).
    let refuse = move |in_box, trouble| {
        files.finish(Err(Problem {
            context: Context::Pasted { in_box },
            trouble,
        }));
        focus("#paste-text");
    };
    let import = move |text: String, in_box: bool| {
        let mine = next_round();
        // The panel closes, emptied, once what was pasted has gone where it goes.
        let taken = move || {
            pasting.set(false);
            pasted.set(String::new());
        };
        // As much as a file may hold: a paste of many megabytes froze the page (a tester's).
        if text.len() > MAX_DOCUMENT_BYTES {
            return refuse(in_box, Trouble::PastedTooLarge { bytes: text.len() });
        }
        match pasted_text(&text) {
            PastedText::Blank => refuse(in_box, Trouble::NothingPasted),
            PastedText::SeveralLinks => refuse(in_box, Trouble::SeveralLinks),
            // The panel closes once the link opens; a link cut or altered is said beside the
            // box, which keeps it to mend (it closed, and the text was gone).
            PastedText::Link => spawn_local(async move {
                let opened = link_that_opens(&text).await;
                if !in_round(mine) {
                    return;
                }
                match opened {
                    Ok(fragment) => {
                        taken();
                        open_link(files, &fragment);
                        focus(PASTE_PARTS[0]);
                    }
                    Err(trouble) => refuse(in_box, trouble),
                }
            }),
            // A block copied from Excel or WPS goes to the same preview as a paste into the
            // grid.
            PastedText::Sheet => {
                files.message.set(None);
                files.pending.offer_cells(parse_block(&text));
                taken();
                // Read the preview next (its heading, then its choices and 确认导入).
                focus_soon("#paste-preview");
            }
            // An exported plan opens as a new plan.
            PastedText::Document => {
                let result = import_text(files.library, &text);
                if result.is_ok() {
                    taken();
                    focus(PASTE_PARTS[0]);
                }
                files.finish(result.map_err(|trouble| Problem {
                    context: Context::Pasted { in_box },
                    trouble,
                }));
            }
        }
    };
    let import_pasted = move |_| import(pasted.get_untracked(), true);
    // A large paste that would fill the box (into an empty box, or over all of its text) is
    // imported as it comes, without being put in the box: the browser lays out megabytes in a
    // text box for seconds (a tester's 7.9 MB froze the page for 49 s). Too much to import is
    // refused before it reaches the box; the clipboard keeps it. Any other paste of some size is
    // put in by the page (`setRangeText`), which the browser does far faster than its own
    // paste over a selection (287 kB: 13.9 s; a tester's).
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok())
            .filter(|text| text.len() > PUT_IN_BY_THE_PAGE_BYTES)
        else {
            return;
        };
        let Some(area) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        ev.prevent_default();
        // Selection offsets count UTF-16 units, as the box's own length does.
        let start = area.selection_start().ok().flatten().unwrap_or(0);
        let end = area.selection_end().ok().flatten().unwrap_or(start);
        let fills_the_box = pasted.with_untracked(|box_text| {
            box_text.trim().is_empty()
                || (start == 0 && end as usize >= box_text.encode_utf16().count())
        });
        // `import` refuses what is over the limit, wherever it was pasted.
        if text.len() > MAX_DOCUMENT_BYTES || (fills_the_box && text.len() > LARGE_PASTE_BYTES) {
            return import(text, false);
        }
        let _ = area.set_range_text_with_start_and_end_and_mode(&text, start, end, "end");
        next_round();
        pasted.set(area.value());
    };
    let export = move |_| {
        if let Err(trouble) = export_plan(files.store, files.library) {
            files.out(trouble);
        }
    };
    // The workbook's sheet choice goes with its preview: confirmed, closed, or replaced by
    // another paste (it stayed up, and choosing a sheet there replaced that paste).
    Effect::new(move || {
        let showing = files.pending.showing();
        if files
            .book
            .with_untracked(|b| b.as_ref().is_some_and(|b| Some(b.offer) != showing))
        {
            files.book.set(None);
        }
    });
    // 分享 opened: its link is made (the plan as it is now); closed: the link goes.
    Effect::new(move || {
        if files.sharing.get() {
            spawn_local(make_link(files));
        } else {
            link.set(None);
        }
    });
    let copy = move |_| {
        if let Some(url) = link.get_untracked() {
            spawn_local(async move {
                match copy_to_clipboard(&url).await {
                    Ok(()) => copied.set(true),
                    Err(trouble) => files.out(trouble),
                }
            });
        }
    };
    view! {
        {move || files.book.get().map(|open| {
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
                            data-testid=SHEET_SELECT
                            on:change=move |ev| {
                                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                    choose_sheet(files, i);
                                }
                            }
                        >
                            {options}
                        </select>
                    </label>
                    " "
                    <button type="button" class="link" on:click=move |_| files.book.set(None)>
                        {move || lang.tr("关闭", "Close")}
                    </button>
                </div>
            }
        })}
        <Show when=move || pasting.get()>
            <div class="banner panel" id="paste-panel" data-testid="paste-panel">
                <label>
                    {move || lang.tr("粘贴从 Excel/WPS 复制的表格（先预览，确认后导入当前计划）、导出的JSON文本（作为新计划），或收到的分享链接（打开为副本，可连同聊天文字一起粘贴）：", "Paste a table copied from Excel or WPS (previewed, then applied to this plan), an exported JSON document (opened as a new plan), or a share link you received (opened as a copy; the chat message around it may come too):")}
                    <textarea
                        id="paste-text"
                        data-testid="paste-text"
                        rows="5"
                        prop:value=move || pasted.get()
                        on:input=move |ev| {
                            next_round();
                            pasted.set(event_target_value(&ev));
                        }
                        // A large paste is imported, refused or put in by the page (`on_paste`).
                        on:paste=on_paste
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
                {move || {
                    files
                        .message
                        .get()
                        .filter(|problem| problem.context.is_pasted())
                        .map(|problem| files.error(problem))
                }}
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
                            files.sharing.set(false);
                            focus("#share");
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
    }
}
