//! 讲评稿: the text to read out at the meeting, straight from the figures (the engine's
//! `Briefing`), with its options and two copies: plain text, and HTML that keeps the paragraphs
//! when pasted into Word or WPS.

use super::i18n::{Lang, Language};
use super::share::{copy_html_to_clipboard, copy_to_clipboard};
use crate::engine::briefing::{self, Briefing};
use crate::engine::compare::LastMonth;
use crate::engine::plan::Plan;
use crate::engine::report::Report;
use crate::store::PlanStore;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The engine's language for the page's.
fn language(lang: Lang) -> briefing::Language {
    match lang {
        Lang::Zh => briefing::Language::Chinese,
        Lang::En => briefing::Language::English,
    }
}

/// The briefing's paragraphs in the page's language (for the panel and the print), with its
/// 比上月 clauses against `last`.
pub fn paragraphs(
    plan: &Plan,
    report: &Report,
    last: Option<&LastMonth>,
    lang: Lang,
) -> Vec<String> {
    Briefing::compared(plan, report, last).paragraph_texts(language(lang))
}

#[component]
pub fn BriefingPanel() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    let last_month = store.last_month();
    let briefing = Memo::new(move |_| {
        plan.with(|p| report.with(|r| last_month.with(|l| Briefing::compared(p, r, l.as_ref()))))
    });
    let texts = move || briefing.with(|b| b.paragraph_texts(language(lang.get())));
    // Which copy was made last (for the button's 已复制), or why it failed.
    let copied = RwSignal::new(None::<Result<&'static str, String>>);
    let copy = move |rich: bool| {
        let which = if rich { "html" } else { "text" };
        let (text, html) = briefing.with_untracked(|b| {
            let l = language(lang.get_untracked());
            (b.text(l), b.html(l))
        });
        spawn_local(async move {
            let done = if rich {
                copy_html_to_clipboard(&html, &text).await
            } else {
                copy_to_clipboard(&text).await
            };
            copied.set(Some(done.map(|_| which).map_err(|e| format!("{e:?}"))));
        });
    };
    let options = move || plan.with(|p| p.settings.briefing.clone());
    let units = move || {
        plan.with(|p| {
            p.units
                .iter()
                .filter(|u| !u.total)
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let groups = move || plan.with(|p| p.groups());
    let check =
        move |label: (&'static str, &'static str), on: Signal<bool>, set: fn(&mut Plan, bool)| {
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || on.get()
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            store.edit(None, |p| set(p, checked));
                        }
                    />
                    {move || lang.tr(label.0, label.1)}
                </label>
            }
        };
    view! {
        <section class="briefing-panel" aria-label=move || lang.tr("讲评稿", "Briefing")>
            <div class="table-toolbar">
                {check(
                    ("每月需求额向上取整到百", "Round the monthly need up to a whole million"),
                    Signal::derive(move || options().round_up_to_hundred),
                    |p, on| p.settings.briefing.round_up_to_hundred = on,
                )}
                {check(
                    ("说明上年结余", "Mention the carry-over"),
                    Signal::derive(move || options().carryover_note),
                    |p, on| p.settings.briefing.carryover_note = on,
                )}
                {check(
                    ("读文字说明", "Read out the notes"),
                    Signal::derive(move || options().notes),
                    |p, on| p.settings.briefing.notes = on,
                )}
                <button type="button" data-testid="briefing-copy" on:click=move |_| copy(false)>
                    {move || match copied.get() {
                        Some(Ok("text")) => lang.tr("已复制", "Copied"),
                        _ => lang.tr("复制文本", "Copy text"),
                    }}
                </button>
                <button type="button" data-testid="briefing-copy-html" on:click=move |_| copy(true)>
                    {move || match copied.get() {
                        Some(Ok("html")) => lang.tr("已复制", "Copied"),
                        _ => lang.tr("复制（保留段落，贴入Word/WPS）", "Copy for Word/WPS"),
                    }}
                </button>
                {move || copied.get().and_then(Result::err).map(|_| view! {
                    <span class="warn-text" role="alert">
                        {move || lang.tr("无法写入剪贴板：请选中文字后按 Ctrl+C。", "The clipboard refused: select the text and press Ctrl+C.")}
                    </span>
                })}
            </div>
            <details class="briefing-ticks">
                <summary>{move || lang.tr("单独讲评的单位和分组", "Units and groups with a paragraph of their own")}</summary>
                <div class="ticks">
                    {move || groups().into_iter().map(|g| {
                        let name = g.clone();
                        let on = move || plan.with(|p| p.settings.briefing.groups.contains(&name));
                        let name = g.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=on on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    store.edit(None, |p| p.settings.briefing.tick_group(&name, checked));
                                }/>
                                {g.clone()}
                            </label>
                        }
                    }).collect_view()}
                </div>
                <div class="ticks">
                    {move || units().into_iter().map(|(id, name)| {
                        let key = id.clone();
                        let on = move || plan.with(|p| p.settings.briefing.units.contains(&key));
                        view! {
                            <label class="check">
                                <input type="checkbox" data-testid="briefing-unit" prop:checked=on on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    store.edit(None, |p| p.settings.briefing.tick_unit(&id, checked));
                                }/>
                                {name}
                            </label>
                        }
                    }).collect_view()}
                </div>
            </details>
            <div class="briefing" data-testid="briefing">
                {move || texts().into_iter().map(|t| view! { <p>{t}</p> }).collect_view()}
            </div>
        </section>
    }
}
