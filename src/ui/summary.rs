//! The answer first: per metric, where the total stands against each tier, and every figure of
//! SPEC §3 for it — what the clerk reads out.

use super::i18n::Language;
use super::status::status_look;
use crate::engine::format;
use crate::engine::plan::Plan;
use crate::engine::report::TotalFigures;
use crate::store::PlanStore;
use leptos::prelude::*;

#[component]
pub fn Summary() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    view! {
        <section class="summary" aria-label=move || lang.tr("全市完成情况", "Where the total stands")>
            {move || {
                plan.with(|plan| {
                    report.with(|report| {
                        report
                            .totals
                            .iter()
                            .enumerate()
                            .map(|(m, total)| metric_card(plan, m, total, lang))
                            .collect_view()
                    })
                })
            }}
        </section>
    }
}

fn metric_card(plan: &Plan, m: usize, total: &TotalFigures, lang: Language) -> impl IntoView {
    let metric = &plan.metrics[m];
    let d = plan.amount_decimals(metric);
    let unit = plan.measure_unit(metric).label();
    let f = &total.figures;
    let months_left = 12u32.saturating_sub(plan.month);
    let headline = plan
        .tiers
        .iter()
        .zip(&f.tiers)
        .map(|(tier, t)| {
            let (class, mark, word) = status_look(plan.settings.status(t.schedule_gap), lang);
            view! {
                <div class=format!("tier {class}")>
                    <span class="tier-name">{tier.name.clone()}</span>
                    <span class="tier-completion num">{format::percent(t.completion)}</span>
                    <span class="tier-gap num" title=word>
                        <span class="mark" aria-hidden="true">{mark}</span>
                        {format::points(t.schedule_gap)}
                    </span>
                </div>
            }
        })
        .collect_view();
    // One row per figure, one column per tier.
    let row = |label: String, cells: Vec<String>| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
            </tr>
        }
    };
    let per_tier = |pick: &dyn Fn(&crate::engine::line::TierFigures) -> String| -> Vec<String> {
        f.tiers.iter().map(pick).collect()
    };
    let done = lang.tr("已完成", "met");
    let mut rows = vec![
        row(
            lang.tr("全年目标", "Annual target").into(),
            per_tier(&|t| format::amount(t.target, d)),
        ),
        row(
            lang.tr("序时应完成", "Due by schedule").into(),
            per_tier(&|t| format::amount(t.schedule_amount, d)),
        ),
        row(
            lang.tr("距序时进度", "Against schedule").into(),
            per_tier(&|t| {
                format::amount_in_words(
                    t.behind_schedule,
                    d,
                    lang.tr("差", "short"),
                    lang.tr("超", "ahead"),
                )
            }),
        ),
        row(
            lang.tr("每月应到帐", "Required pace").into(),
            per_tier(&|t| format::amount(t.required_pace, d)),
        ),
        row(
            lang.tr("月均比应到", "Pace vs required").into(),
            per_tier(&|t| {
                format::amount_in_words(
                    t.pace_shortfall,
                    d,
                    lang.tr("少", "short"),
                    lang.tr("多", "ahead"),
                )
            }),
        ),
        row(
            lang.tr("尚差", "Remaining").into(),
            per_tier(&|t| format::need(t.remaining, d, done)),
        ),
    ];
    if months_left > 0 {
        rows.push(row(
            format!(
                "{}{months_left}{}",
                lang.tr("后", "Each of the next "),
                lang.tr("个月每月需", " months")
            ),
            per_tier(&|t| format::need(t.required_future_monthly, d, done)),
        ));
    }
    rows.push(row(
        lang.tr("按目前进度全年完成率", "Year-end at this pace")
            .into(),
        per_tier(&|t| format::percent(t.run_rate_completion)),
    ));
    let source = if total.actual_entered {
        None
    } else {
        Some(format!(
            "{}{}",
            lang.tr("全市数为各单位合计", "Total summed from units"),
            if total.units_sum.not_reported > 0 {
                format!(
                    "（{}{}）",
                    total.units_sum.not_reported,
                    lang.tr("个未报", " not reported")
                )
            } else {
                String::new()
            }
        ))
    };
    let carryover = f.line.carryover.filter(|c| !c.is_zero()).map(|c| {
        format!(
            "（{}{}）",
            lang.tr("含上年结余", "incl. carry-over "),
            format::amount(Some(c), d)
        )
    });
    view! {
        <article class="card" data-testid=format!("summary-{}", metric.id)>
            <h2>{metric.name.clone()}</h2>
            <div class="card-actual">
                {format!("1-{}{}", plan.month, lang.tr("月完成 ", " months: "))}
                <strong class="num">{format::amount(f.line.actual, d)}</strong>
                " " {unit} {carryover}
                {source.map(|s| view! { <span class="source">{s}</span> })}
            </div>
            <div class="tiers">{headline}</div>
            <div class="card-pace">
                {lang.tr("月均到帐 ", "Monthly pace ")}
                <strong class="num" data-testid="pace">{format::amount(f.pace_so_far, d)}</strong>
                " · "
                {lang.tr("按目前进度全年可完成 ", "Year-end at this pace ")}
                <strong class="num">{format::amount(f.run_rate, d)}</strong>
            </div>
            <table class="figures">
                <thead>
                    <tr>
                        <th></th>
                        {plan.tiers.iter().map(|t| view! { <th class="num">{t.name.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows.into_iter().collect_view()}</tbody>
            </table>
        </article>
    }
}
