//! 导入 / 导出 / 分享: plans in and out as SPEC §6 documents. An import — from the file picker, a
//! file dropped on the page, or pasted text — never overwrites: it opens as a new saved plan
//! under the title it was written with. A document that cannot be read changes nothing and says
//! where the fault is. An export is read back before it is offered, and must give the same plan.
//! A spreadsheet file (.csv, .xlsx) picked or dropped the same way opens in the paste preview of
//! 录入数据 instead, as if its sheet had been copied from Excel (`sheet_files`). What reads the
//! files and the panels are loaded on demand (`import_panels`); this module keeps the buttons.

use super::file_io::download_text;
use super::i18n::Language;
use super::import_panels::{file_panels, open_file, OpenBook};
use super::offline::runs_old_build;
use super::on_demand::OnDemand;
use super::paste_preview::PendingPaste;
use super::popup::{close_like_a_menu, focus, focus_soon};
use super::print_view::Printing;
use super::trouble::{problem_words, worded_view, Context, Problem, Trouble};
use crate::engine::interchange::{canonical, export_file_name, read_plan, write_plan};
use crate::store::saved::Library;
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

/// The header's 粘贴导入 and 分享 panels, each after the button that opens it, in the panels'
/// place (`close_like_a_menu`).
pub const PASTE_PARTS: &[&str] = &["#paste-import", "#file-panels"];
const SHARE_PARTS: &[&str] = &["#share", "#file-panels"];
/// 导入, the file input behind it (focused by a file chosen), and the error it may show.
const IMPORT_ERROR_PARTS: &[&str] = &[
    "[data-testid=import]",
    "[data-testid=import-file]",
    "[data-testid=import-error]",
];

/// What the header's file buttons and their panels (`import_panels`, loaded on demand) share:
/// handles to the root state and the panels' own state. Provided by [`ImportExport`].
#[derive(Clone, Copy)]
pub struct Files {
    pub store: PlanStore,
    pub library: Library,
    pub lang: Language,
    pub view_state: ViewState,
    pub pending: PendingPaste,
    /// The trouble of the last import, export or share, shown below the header.
    pub message: RwSignal<Option<Arc<Problem>>>,
    /// The workbook whose sheet is in the preview, when it has several: another can be chosen.
    pub book: RwSignal<Option<OpenBook>>,
    /// Whether 粘贴导入's text box is open, and its text.
    pub pasting: RwSignal<bool>,
    pub pasted: RwSignal<String>,
    /// Whether 分享's panel is open, the link it shows (once made) and whether it has been
    /// copied.
    pub sharing: RwSignal<bool>,
    pub link: RwSignal<Option<String>>,
    pub copied: RwSignal<bool>,
}

impl Files {
    pub fn expect() -> Files {
        expect_context()
    }

    /// An import's trouble with its 关闭: below the header, or in 粘贴导入's panel (where it
    /// sat over the panel's text, and its 关闭 was a click outside the panel that closed it).
    pub fn error(self, problem: Arc<Problem>) -> impl IntoView {
        let (lang, message) = (self.lang, self.message);
        // Dismissed in 粘贴导入's panel, the box is next (focus fell to the page).
        let pasted = problem.context.is_pasted();
        let dismiss = move |_| {
            message.set(None);
            if pasted {
                focus("#paste-text");
            }
        };
        view! {
            <div class="banner error" role="alert" data-testid="import-error">
                {move || worded_view(problem_words(lang.get(), &problem))}
                " "
                <button type="button" class="link" on:click=dismiss>
                    {lang.tr("关闭", "Dismiss")}
                </button>
            </div>
        }
    }

    /// Whether a panel of `file_panels` is open (its code is needed).
    fn panel_open(&self) -> bool {
        self.book.with(Option::is_some) || self.pasting.get() || self.sharing.get()
    }

    /// An import done (the new plan on the 通报表) or its trouble shown.
    pub fn finish(&self, result: Result<(), Problem>) {
        match result {
            Ok(()) => {
                self.view_state.tab.set(Tab::Results);
                self.message.set(None);
            }
            Err(problem) => self.message.set(Some(Arc::new(problem))),
        }
    }

    /// An export's or share's trouble shown.
    pub fn out(&self, trouble: Trouble) {
        self.message.set(Some(Arc::new(Problem {
            context: Context::Out,
            trouble,
        })))
    }
}

/// Imports a picked or dropped file with the code of `file_panels`; if that code cannot be
/// fetched, says so and changes nothing.
fn open(files: Files, file: web_sys::File) {
    let name = file.name();
    spawn_local(async move {
        if open_file(files, file).await.is_err() {
            files.finish(Err(Problem {
                context: Context::File(name),
                trouble: Trouble::PartUnloaded {
                    old_build: runs_old_build(),
                },
            }));
        }
    });
}

/// The header's 导入, 粘贴导入, 导出 and 分享 buttons, the file input behind 导入 and an import's
/// error; a file dropped anywhere on the page is imported too. Their panels and the reading of
/// files are in `import_panels`, loaded on demand.
#[component]
pub fn ImportExport() -> impl IntoView {
    let lang = Language::expect();
    let files = Files {
        store: PlanStore::expect(),
        library: Library::expect(),
        lang,
        view_state: ViewState::expect(),
        pending: PendingPaste::expect(),
        message: RwSignal::new(None),
        book: RwSignal::new(None),
        pasting: RwSignal::new(false),
        pasted: RwSignal::new(String::new()),
        sharing: RwSignal::new(false),
        link: RwSignal::new(None),
        copied: RwSignal::new(false),
    };
    provide_context(files);
    let Files {
        store,
        library,
        message,
        pasting,
        sharing,
        ..
    } = files;
    let picker = NodeRef::<leptos::html::Input>::new();
    // A memo: the panels are drawn anew only when the first opens or the last closes, not when
    // another opens beside one (分享's link would be made again and take the focus).
    let panel_open = Memo::new(move |_| files.panel_open());
    close_like_a_menu(
        PASTE_PARTS,
        move || pasting.get_untracked(),
        move || pasting.set(false),
    );
    close_like_a_menu(
        SHARE_PARTS,
        move || sharing.get_untracked(),
        move || sharing.set(false),
    );
    // An import's error closes like a menu too (Esc, focus back on 导入; a press elsewhere), as
    // 打印's message does.
    // Pasted text's trouble is 粘贴导入's, said inside its panel: it stays while the text is
    // mended there (a click into the box hid it) and goes when the panel closes (after Esc it
    // stayed up, without its panel, over the page).
    close_like_a_menu(
        IMPORT_ERROR_PARTS,
        move || message.with_untracked(|m| m.as_ref().is_some_and(|p| !p.context.is_pasted())),
        move || message.set(None),
    );
    Effect::new(move || {
        let pasted_trouble = message.with(|m| m.as_ref().is_some_and(|p| p.context.is_pasted()));
        if pasted_trouble && !pasting.get() {
            message.set(None);
        }
    });
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
        open(files, file);
    };
    // A file dropped anywhere on the page is imported.
    let on_drag = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let on_drop = window_event_listener(leptos::ev::drop, move |ev| {
        let Some(dropped) = ev.data_transfer().and_then(|d| d.files()) else {
            return;
        };
        let Some(file) = dropped.get(0) else {
            return;
        };
        ev.prevent_default();
        // Several files at once (a folder's selection) import none: which was meant is not
        // guessed, and the first alone went in without a word about the others.
        let count = dropped.length();
        if count > 1 {
            files.finish(Err(Problem {
                context: Context::Dropped(usize::try_from(count).unwrap_or(usize::MAX)),
                trouble: Trouble::SeveralFiles,
            }));
            return;
        }
        open(files, file);
    });
    on_cleanup(move || {
        on_drag.remove();
        on_drop.remove();
    });
    let export = move |_| {
        if let Err(trouble) = export_plan(store, library) {
            files.out(trouble);
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
        <button
            type="button"
            id="paste-import"
            data-testid="paste-import"
            aria-expanded=move || pasting.get().to_string()
            on:click=move |_| {
                // The two panels share a place (`PASTE_PARTS`): one at a time.
                sharing.set(false);
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
        <button
            type="button"
            id="share"
            data-testid="share"
            aria-expanded=move || sharing.get().to_string()
            on:click=move |_| {
                pasting.set(false);
                sharing.update(|s| *s = !*s);
            }
        >
            {move || lang.tr("分享", "Share")}
        </button>
        // The panels' place (`display: contents`): a click on 重试 of their code, there, is a
        // click inside the panel it opens, not one that closes it.
        <div id="file-panels" class="file-panels">
            {move || panel_open.get().then(|| view! { <OnDemand load=file_panels::load/> })}
        </div>
        // Pasted text's trouble is said inside 粘贴导入's panel (`files.error`).
        {move || {
            message
                .get()
                .filter(|problem| !problem.context.is_pasted())
                .map(|problem| files.error(problem))
        }}
    }
}
