use super::i18n::{Lang, Language};
use super::import_export::ImportExport;
use crate::engine::example::speech_example;
use crate::engine::format;
use crate::engine::plan::Plan;
use crate::store::view::{Tab, ViewState};
use crate::store::PlanStore;
use leptos::prelude::*;

/// The top bar: product name, plan title, the data month (the most-changed setting) and the
/// schedule it implies, always visible; undo, redo, a new plan and the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let plan = store.plan();
    let report = store.report();
    let month = move || plan.with(|p| p.month);
    let schedule = move || report.with(|r| format::percent(r.schedule.percent()));
    let new_plan = move |_| {
        let (year, month) = plan.with_untracked(|p| (p.year, p.month));
        let title = match lang.get_untracked() {
            Lang::Zh => format!("新计划 1-{month}月"),
            Lang::En => format!("New plan 1-{month}"),
        };
        store.replace(Plan::empty(title, year, month), false);
        view_state.tab.set(Tab::Entry);
    };
    view! {
        <header class="topbar">
            <h1 class="brand">
                "Pace" <span class="brand-sub">{move || lang.tr("招商引资进度计算器", "investment progress")}</span>
            </h1>
            <div class="plan-title" data-testid="plan-title">
                {move || plan.with(|p| p.title.clone())}
                <Show when=move || store.is_example().get()>
                    <span class="badge" title=move || lang.tr("内置示例：来自1-7月讲评稿", "Built-in example from the Jan–Jul speech")>
                        {move || lang.tr("示例", "Example")}
                    </span>
                </Show>
            </div>
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
                        .map(|m| view! { <option value=m.to_string()>{format!("1-{m}月")}</option> })
                        .collect_view()}
                </select>
            </label>
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
                <button type="button" data-testid="new-plan" on:click=new_plan>
                    {move || lang.tr("新建空白计划", "New empty plan")}
                </button>
                <Show when=move || !store.is_example().get()>
                    <button type="button" class="link" on:click=move |_| store.replace(speech_example(), true)>
                        {move || lang.tr("打开示例", "Open the example")}
                    </button>
                </Show>
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
