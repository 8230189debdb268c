use crate::engine::figures::{Need, Status};
use crate::engine::format;
use crate::engine::plan::Plan;
use crate::engine::report::TotalFigures;
use crate::store::PlanStore;
use leptos::prelude::*;

/// The answer first: per metric, where the total stands against each tier.
#[component]
pub fn Summary() -> impl IntoView {
    let store = PlanStore::expect();
    let plan = store.plan();
    let report = store.report();
    view! {
        <section class="summary" aria-label="全市完成情况">
            {move || {
                plan.with(|plan| {
                    report.with(|report| {
                        report
                            .totals
                            .iter()
                            .enumerate()
                            .map(|(m, total)| metric_card(plan, m, total))
                            .collect_view()
                    })
                })
            }}
        </section>
    }
}

fn status_mark(status: Option<Status>) -> (&'static str, &'static str) {
    match status {
        Some(Status::Green) => ("status-green", "●"),
        Some(Status::Yellow) => ("status-yellow", "▲"),
        Some(Status::Red) => ("status-red", "▼"),
        None => ("status-none", ""),
    }
}

fn need_text(need: Option<Need>, decimals: u32) -> String {
    match need {
        Some(Need::Amount(v)) => format::amount(Some(v), decimals),
        Some(Need::Done) => "已完成".to_string(),
        None => format::UNDEFINED.to_string(),
    }
}

fn metric_card(plan: &Plan, m: usize, total: &TotalFigures) -> impl IntoView {
    let metric = &plan.metrics[m];
    let decimals = plan.amount_decimals(metric);
    let unit = plan.measure_unit(metric).label();
    let figures = &total.figures;
    let tiers = plan
        .tiers
        .iter()
        .zip(&figures.tiers)
        .map(|(tier, t)| {
            let (class, mark) = status_mark(crate::engine::figures::status(
                t.schedule_gap,
                plan.settings.status_yellow,
                plan.settings.status_red,
            ));
            view! {
                <div class=format!("tier {class}")>
                    <span class="tier-name">{tier.name.clone()}</span>
                    <span class="tier-completion num">{format::percent(t.completion)}</span>
                    <span class="tier-gap num" title="比序时进度（个百分点）">
                        <span class="mark" aria-hidden="true">{mark}</span>
                        {format::points(t.schedule_gap)}
                    </span>
                </div>
            }
        })
        .collect_view();
    let future = figures
        .tiers
        .iter()
        .map(|t| need_text(t.required_future_monthly, decimals))
        .collect::<Vec<_>>()
        .join(" / ");
    let months_left = 12u32.saturating_sub(plan.month);
    view! {
        <article class="card" data-testid=format!("summary-{}", metric.id)>
            <h2>{metric.name.clone()}</h2>
            <div class="card-actual">
                "1-" {plan.month} "月完成 "
                <strong class="num">{format::amount(figures.line.actual, decimals)}</strong>
                " " {unit.clone()}
            </div>
            <div class="tiers">{tiers}</div>
            <div class="card-need">
                {if months_left > 0 {
                    format!("后{months_left}个月每月需 {future}")
                } else {
                    "全年数据已齐".to_string()
                }}
            </div>
        </article>
    }
}
