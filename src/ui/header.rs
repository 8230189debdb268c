use super::i18n::{Lang, Language};
use super::import_export::ImportExport;
use super::plans_menu::PlansMenu;
use super::print_view::Printing;
use crate::engine::format;
use crate::store::PlanStore;
use leptos::prelude::*;

/// The top bar: product name, plan title, the data month (the most-changed setting) and the
/// schedule it implies, always visible; the plans menu, undo, redo, import and export, and the
/// language switch.
#[component]
pub fn Header() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    let month = move || plan.with(|p| p.month);
    let schedule = move || report.with(|r| format::percent(r.schedule.percent()));
    view! {
        <header class="topbar">
            <h1 class="brand">
                "Pace" <span class="brand-sub">{move || lang.tr("招商引资进度计算器", "investment progress")}</span>
            </h1>
            <PlansMenu/>
            <label class="month">
                <span class="sr-only">{move || lang.tr("数据月份", "Data month")}</span>
                <select
                    data-testid="month"
                    aria-label=move || lang.tr("数据月份", "Data month")
                    prop:value=move || month().to_string()
                    on:change=move |ev| {
                        if let Ok(m) = event_target_value(&ev).parse() {
                            store.set_month(m);
                        }
                    }
                >
                    {(1..=12u32)
                        .map(|m| view! { <option value=m.to_string()>{move || lang.period(m)}</option> })
                        .collect_view()}
                </select>
            </label>
            {move || {
                plan.with(|p| p.title_out_of_step()).map(|named| {
                    view! {
                        <div class="title-month" role="status" data-testid="title-month">
                            {move || match lang.get() {
                                Lang::Zh => format!("标题写的是{named}月，数据月份是{}月", month()),
                                Lang::En => format!("The title says month {named}; the data month is {}", month()),
                            }}
                            " "
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| store.edit(None, |p| p.title_to_data_month())
                            >
                                {move || lang.tr("改标题", "Update the title")}
                            </button>
                        </div>
                    }
                })
            }}
            <div class="schedule" data-testid="schedule">
                {move || lang.tr("序时进度 ", "Schedule ")} <strong>{schedule}</strong>
            </div>
            <div class="actions">
                <button
                    type="button"
                    data-testid="undo"
                    title=move || lang.tr("撤销 (Ctrl+Z)", "Undo (Ctrl+Z)")
                    disabled=move || !store.can_undo().get()
                    on:click=move |_| store.undo()
                >
                    {move || lang.tr("撤销", "Undo")}
                </button>
                <button
                    type="button"
                    data-testid="redo"
                    title=move || lang.tr("重做 (Ctrl+Shift+Z)", "Redo (Ctrl+Shift+Z)")
                    disabled=move || !store.can_redo().get()
                    on:click=move |_| store.redo()
                >
                    {move || lang.tr("重做", "Redo")}
                </button>
                <ImportExport/>
                <button
                    type="button"
                    data-testid="print"
                    title=move || lang.tr("打印通报（A4横向）", "Print the report (A4 landscape)")
                    on:click=move |_| Printing::expect().print()
                >
                    {move || lang.tr("打印", "Print")}
                </button>
                <button
                    type="button"
                    class="lang"
                    data-testid="lang"
                    lang=move || if lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                    on:click=move |_| lang.toggle()
                >
                    {move || if lang.get() == Lang::Zh { "EN" } else { "中文" }}
                </button>
            </div>
        </header>
    }
}
