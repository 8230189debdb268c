use crate::engine::format;
use crate::store::PlanStore;
use leptos::prelude::*;

/// The top bar: product name, plan title, the data month (the most-changed setting) and the
/// schedule it implies, always visible.
#[component]
pub fn Header() -> impl IntoView {
    let store = PlanStore::expect();
    let plan = store.plan();
    let report = store.report();
    let month = move || plan.with(|p| p.month);
    let schedule = move || report.with(|r| format::percent(r.schedule.percent()));
    view! {
        <header class="topbar">
            <h1 class="brand">
                "Pace" <span class="brand-sub">"招商引资进度计算器"</span>
            </h1>
            <div class="plan-title" data-testid="plan-title">
                {move || plan.with(|p| p.title.clone())}
                <Show when=move || store.is_example().get()>
                    <span class="badge" title="内置示例：来自1-7月讲评稿">"示例"</span>
                </Show>
            </div>
            <label class="month">
                <span class="sr-only">"数据月份"</span>
                <select
                    data-testid="month"
                    aria-label="数据月份"
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
                "序时进度 " <strong>{schedule}</strong>
            </div>
        </header>
    }
}
