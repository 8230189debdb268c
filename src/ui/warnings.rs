//! Where the data disagrees with itself: an entered total that differs from its units, units
//! that have not reported, monthly entries that do not add up.

use super::i18n::{Lang, Language};
use crate::engine::format;
use crate::engine::plan::Plan;
use crate::engine::report::{Report, Warning};
use crate::store::PlanStore;
use leptos::prelude::*;

fn describe(plan: &Plan, report: &Report, warning: &Warning, lang: Lang) -> String {
    let metric = |m: usize| plan.metrics.get(m).map_or("", |x| x.name.as_str());
    let amount = |m: usize, v| {
        let decimals = plan.metrics.get(m).map_or(0, |x| plan.amount_decimals(x));
        format::amount(Some(v), decimals)
    };
    let total = report
        .total_unit
        .and_then(|t| plan.units.get(t))
        .map_or("全市", |t| t.name.as_str());
    match (warning, lang) {
        (Warning::TotalDiffers { metric: m, entered, units_sum, difference }, Lang::Zh) => format!(
            "{}：{total}填报 {}，各单位合计 {}，相差 {}（以{total}填报数为准）",
            metric(*m),
            amount(*m, *entered),
            amount(*m, *units_sum),
            amount(*m, *difference)
        ),
        (Warning::TotalDiffers { metric: m, entered, units_sum, difference }, Lang::En) => format!(
            "{}: the total entered is {}, its units add up to {}, a difference of {} (the entered total is used)",
            metric(*m),
            amount(*m, *entered),
            amount(*m, *units_sum),
            amount(*m, *difference)
        ),
        (Warning::UnitsNotReported { metric: m, units }, lang) => {
            // A long list is cut: the counts below list everyone on request.
            const SHOWN: usize = 20;
            let mut names: Vec<&str> = units
                .iter()
                .take(SHOWN)
                .filter_map(|&u| plan.units.get(u).map(|x| x.name.as_str()))
                .collect();
            if units.len() > SHOWN {
                names.push("…");
            }
            let derived = report.totals.get(*m).is_some_and(|t| !t.actual_entered);
            match lang {
                Lang::Zh => format!(
                    "{}：{}个单位未报（{}）{}",
                    metric(*m),
                    units.len(),
                    names.join("、"),
                    if derived { "，全市数为已报单位合计" } else { "" }
                ),
                Lang::En => format!(
                    "{}: {} units have not reported ({}){}",
                    metric(*m),
                    units.len(),
                    names.join(", "),
                    if derived { "; the total is the sum of those that have" } else { "" }
                ),
            }
        }
        (Warning::MonthlyMismatch { unit, metric: m, monthly_sum, actual }, Lang::Zh) => format!(
            "{} · {}：各月合计 {} 与累计完成数 {} 不一致（以累计数为准）",
            plan.units.get(*unit).map_or("", |u| u.name.as_str()),
            metric(*m),
            amount(*m, *monthly_sum),
            amount(*m, *actual)
        ),
        (Warning::MonthlyMismatch { unit, metric: m, monthly_sum, actual }, Lang::En) => format!(
            "{} · {}: the months add up to {}, the year-to-date actual is {} (the actual is used)",
            plan.units.get(*unit).map_or("", |u| u.name.as_str()),
            metric(*m),
            amount(*m, *monthly_sum),
            amount(*m, *actual)
        ),
    }
}

#[component]
pub fn Warnings() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    // Re-rendered only when the warnings' text changes, not on every keystroke.
    let texts = Memo::new(move |_| {
        plan.with(|p| {
            report.with(|r| {
                r.warnings
                    .iter()
                    .map(|w| describe(p, r, w, lang.get()))
                    .collect::<Vec<_>>()
            })
        })
    });
    move || {
        texts.with(|texts| {
            (!texts.is_empty()).then(|| {
                let items = texts
                    .iter()
                    .map(|t| view! { <li>{t.clone()}</li> })
                    .collect_view();
                view! {
                    <section class="warnings" data-testid="warnings" role="status">
                        <h2>{lang.tr("数据提示", "Data notes")}</h2>
                        <ul>{items}</ul>
                    </section>
                }
            })
        })
    }
}
