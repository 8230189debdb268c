//! The printed 通报: the plan's title with 完成情况通报, the amount unit at the table's top right,
//! the whole results table (every row and column) and the footnote with the schedule and the
//! date. It exists only while printing (the 打印 button, or the browser's own print): a table of
//! thousands of rows is not kept up to date on every keystroke for a page nobody prints.

use super::briefing_panel::paragraphs;
use super::i18n::Language;
use super::on_demand::{on_demand, OnDemand};
use super::results_table::ResultsTable;
use crate::engine::format;
use crate::engine::plan::Plan;
use crate::engine::report::Report;
use crate::store::PlanStore;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Whether the page is being printed (provided by the app root), whether 打印 waits for the
/// print view's code, and whether the last 打印 found that code unreachable (the header says so).
#[derive(Clone, Copy)]
pub struct Printing {
    on: RwSignal<bool>,
    waiting: RwSignal<bool>,
    unloaded: RwSignal<bool>,
}

impl Printing {
    /// Provides the flag and follows the browser's own print (Ctrl+P, the menu): the print view
    /// is rendered before the browser lays out the pages.
    pub fn provide() -> Printing {
        let printing = Printing {
            on: RwSignal::new(false),
            waiting: RwSignal::new(false),
            unloaded: RwSignal::new(false),
        };
        provide_context(printing);
        let on = printing.on;
        let before = window_event_listener(ev::beforeprint, move |_| on.set(true));
        let after = window_event_listener(ev::afterprint, move |_| on.set(false));
        // Where the browser ignores print() and sends no afterprint (some in-app browsers), the
        // person's next key or click ends it: the full table must not stay on the page.
        let back = move || {
            if on.get_untracked() {
                on.set(false);
            }
        };
        let key = window_event_listener(ev::keydown, move |_| back());
        let pointer = window_event_listener(ev::pointerdown, move |_| back());
        on_cleanup(move || {
            before.remove();
            after.remove();
            key.remove();
            pointer.remove();
        });
        printing
    }

    pub fn expect() -> Printing {
        expect_context::<Printing>()
    }

    /// The 打印 button: renders the print view (its code first, if it is not there yet), then
    /// opens the browser's print dialog once it is on the page. Clicks while it waits add
    /// nothing. If the code cannot be fetched, nothing is printed and [`Printing::unloaded`]
    /// says so until the next 打印 or [`Printing::dismiss`].
    pub fn print(&self) {
        let Printing {
            on,
            waiting,
            unloaded,
        } = *self;
        if waiting.get_untracked() {
            return;
        }
        waiting.set(true);
        spawn_local(async move {
            // Fetched right after the page's first frame, so normally there already. Printed only
            // once it is: never a page that says 正在载入….
            let loaded = print_page::ready().await;
            waiting.set(false);
            unloaded.set(!loaded);
            if loaded {
                on.set(true);
                request_animation_frame(|| {
                    let _ = window().print();
                });
            }
        });
    }

    /// Whether 打印 waits for the print view's code (the button says so).
    pub fn waiting(&self) -> bool {
        self.waiting.get()
    }

    /// Whether the last 打印 printed nothing because the print view's code could not be fetched.
    pub fn unloaded(&self) -> bool {
        self.unloaded.get()
    }

    /// Closes the message of [`Printing::unloaded`].
    pub fn dismiss(&self) {
        self.unloaded.set(false);
    }
}

/// Today as the footnote prints it: `2026年11月30日`, `30 Nov 2026`.
fn today(lang: Language) -> String {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    match lang.get() {
        super::i18n::Lang::Zh => format!("{y}年{m}月{d}日"),
        super::i18n::Lang::En => format!("{d} {} {y}", lang.month(m)),
    }
}

/// The 通报's title, on paper and in the .xlsx: `全市利用外资 1-7月完成情况通报`.
pub(super) fn report_title(plan: &Plan, lang: Language) -> String {
    format!(
        "{}{}",
        plan.title,
        lang.tr("完成情况通报", " — progress report")
    )
}

/// The table's footnote, on paper and in the .xlsx: `注：序时进度为58.33%（1-7月）`.
pub(super) fn schedule_note(plan: &Plan, report: &Report, lang: Language) -> String {
    let schedule = format::percent(report.schedule.percent());
    let period = lang.period(plan.month);
    match lang.get() {
        super::i18n::Lang::Zh => format!("注：序时进度为{schedule}（{period}）"),
        super::i18n::Lang::En => format!("Note: the time schedule is {schedule} ({period})"),
    }
}

/// The print view, while printing. Its code is a module of its own (see `on_demand`), fetched
/// right after the page's first frame: the browser's own print (Ctrl+P) renders it at once, in
/// `beforeprint`, as it did when the code was in the main module.
#[component]
pub fn PrintView() -> impl IntoView {
    let printing = Printing::expect();
    move || {
        printing
            .on
            .get()
            .then(|| {
                // The frame is what the printed page shows: the print view, or, when the browser's
                // own print comes before the view's code (a moment after opening, offline before
                // the service worker), what to do rather than a blank page.
                view! {
                    <div class="print-frame">
                        <OnDemand
                            load=print_page::load
                            waiting=(
                                "打印视图还在下载：请关闭打印窗口，稍后点页面上的“打印”。",
                                "The print view is still downloading: close the print window, then press Print on the page in a moment.",
                            )
                            unloaded=(
                                "打印视图没有下载到（网络已断开？）：请关闭打印窗口，联网后点页面上的“打印”。",
                                "The print view has not been downloaded (is the network down?): close the print window, reconnect, then press Print on the page.",
                            )
                        />
                    </div>
                }
            })
    }
}

on_demand!(print_page => view! { <PrintPage/> }.into_any());

/// The printed 通报 (see the module's docs).
#[component]
fn PrintPage() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    move || {
        let title = plan.with(|p| report_title(p, lang));
        let unit = plan.with(|p| format!("{}{}{}", lang.tr("单位", "Unit"), lang.colon(), p.unit));
        let schedule = plan.with(|p| report.with(|r| schedule_note(p, r, lang)));
        let note = match lang.get() {
            super::i18n::Lang::Zh => format!("{schedule}。打印日期：{}", today(lang)),
            super::i18n::Lang::En => format!("{schedule}. Printed {}", today(lang)),
        };
        view! {
            <section class="print-view" data-testid="print-view">
                <h1 class="print-title">{title}</h1>
                <p class="print-unit">{unit}</p>
                <ResultsTable print=true/>
                <p class="print-note">{note}</p>
                {plan.with(|p| {
                    let notes = p.notes_of_month();
                    (!notes.is_empty()).then(|| view! {
                        <section class="print-notes" data-testid="print-notes">
                            <h2>{lang.tr("文字说明", "Notes")}</h2>
                            {notes.into_iter().filter_map(|(i, text)| {
                                let name = p.units.get(i)?.name.clone();
                                Some(view! { <p><strong>{name}</strong>{lang.colon()}{text.to_string()}</p> })
                            }).collect_view()}
                        </section>
                    })
                })}
                <section class="print-briefing">
                    <h2>{lang.tr("讲评稿", "Briefing")}</h2>
                    {plan.with(|p| report.with(|r| store.last_month().with(|l| paragraphs(p, r, l.as_ref(), lang.get()))))
                        .into_iter()
                        .map(|t| view! { <p>{t}</p> })
                        .collect_view()}
                </section>
            </section>
        }
    }
}
