//! Where the data disagrees with itself: an entered total that differs from its units, units
//! that have not reported, a total's 同比 withheld because last year is known only for some
//! units, monthly entries that do not add up, a carry-over above the actual, a negative target,
//! names that several units, metrics or tiers share.

use super::i18n::{english_count, total_name, Lang, Language};
use crate::engine::format;
use crate::engine::line::YearOnYearWithheld;
use crate::engine::plan::Plan;
use crate::engine::report::{NameKind, Report, Warning};
use crate::store::PlanStore;
use leptos::prelude::*;

/// The names of `units`, a long list cut after twenty (the counts below list everyone on
/// request).
fn unit_names(plan: &Plan, units: &[usize], separator: &str) -> String {
    const SHOWN: usize = 20;
    let mut names: Vec<&str> = units
        .iter()
        .take(SHOWN)
        .filter_map(|&u| plan.units.get(u).map(|x| x.name.as_str()))
        .collect();
    if units.len() > SHOWN {
        names.push("…");
    }
    names.join(separator)
}

/// `1 unit has`, `3 units have`: the subject of an English warning.
fn units_have(n: usize) -> String {
    let verb = if n == 1 { "has" } else { "have" };
    format!("{} {verb}", english_count(n, "unit"))
}

/// Why a row's 同比 is `—` (the hover on the cell); `total` is what the page calls the
/// whole (Chinese wording names it: 全县未填上年同期; English says "the total").
pub fn withheld_text(withheld: YearOnYearWithheld, total: &str, lang: Lang) -> String {
    match (withheld, lang) {
        (YearOnYearWithheld::LastYearIncomplete { units }, Lang::Zh) => {
            format!("{units}个单位未填上年同期，上年合计不完整，不计算同比")
        }
        (YearOnYearWithheld::LastYearIncomplete { units }, Lang::En) => format!(
            "{} no figure for the same period last year: that sum would be partial, so there is no year-on-year rate",
            units_have(units)
        ),
        (YearOnYearWithheld::ActualIncomplete { units }, Lang::Zh) => {
            format!("{units}个单位未报完成数，今年合计不完整，不计算同比")
        }
        (YearOnYearWithheld::ActualIncomplete { units }, Lang::En) => format!(
            "{} not reported: this year's sum is partial, so there is no year-on-year rate",
            units_have(units)
        ),
        (YearOnYearWithheld::TotalDiffers, Lang::Zh) => format!(
            "{total}未填上年同期；{total}填报数与各单位合计不同，各单位上年同期合计不能代表{total}，不计算同比"
        ),
        (YearOnYearWithheld::NegativeLastYear, Lang::Zh) => {
            "上年同期为负，不计算同比".to_string()
        }
        (YearOnYearWithheld::NegativeLastYear, Lang::En) => {
            "Last year's figure is negative, so there is no year-on-year rate".to_string()
        }
        (YearOnYearWithheld::TotalDiffers, Lang::En) => {
            "The total has no figure for the same period last year, and its entered actual differs from its units' sum: their last-year sum is not the total's, so there is no year-on-year rate".to_string()
        }
    }
}

fn describe(plan: &Plan, report: &Report, warning: &Warning, lang: Lang) -> String {
    let metric = |m: usize| plan.metrics.get(m).map_or("", |x| x.name.as_str());
    let unit = |u: usize| plan.units.get(u).map_or("", |x| x.name.as_str());
    let tier = |t: usize| plan.tiers.get(t).map_or("", |x| x.name.as_str());
    // Every warning compares amounts: each says as many decimals as it has (`exact_amount`).
    let amount = |m: usize, v| {
        let decimals = plan.metrics.get(m).map_or(0, |x| plan.amount_decimals(x));
        format::exact_amount(v, decimals)
    };
    let total = total_name(plan, lang);
    // The total's 同比 is withheld for this reason.
    let withheld = |m: usize, reason: YearOnYearWithheld| {
        report
            .totals
            .get(m)
            .and_then(|t| t.figures.year_on_year_withheld)
            == Some(reason)
    };
    match (warning, lang) {
        (Warning::TotalDiffers { metric: m, entered, units_sum, difference }, Lang::Zh) => format!(
            "{}：{total}填报 {}，各单位合计 {}，相差 {}（以{total}填报数为准）{}",
            metric(*m),
            amount(*m, *entered),
            amount(*m, *units_sum),
            amount(*m, *difference),
            if withheld(*m, YearOnYearWithheld::TotalDiffers) {
                format!("；{total}未填上年同期，各单位上年同期合计不能代表{total}，同比不计算")
            } else {
                String::new()
            }
        ),
        (Warning::TotalDiffers { metric: m, entered, units_sum, difference }, Lang::En) => format!(
            "{}: the total entered is {}, its units add up to {}, a difference of {} (the entered total is used){}",
            metric(*m),
            amount(*m, *entered),
            amount(*m, *units_sum),
            amount(*m, *difference),
            if withheld(*m, YearOnYearWithheld::TotalDiffers) {
                "; the total has no figure for last year of its own and its units' is not the total's, so there is no year-on-year rate".to_string()
            } else {
                String::new()
            }
        ),
        (Warning::UnitsNotReported { metric: m, units }, lang) => {
            let derived = report.totals.get(*m).is_some_and(|t| !t.actual_entered);
            let no_yoy = withheld(*m, YearOnYearWithheld::ActualIncomplete { units: units.len() });
            match lang {
                Lang::Zh => format!(
                    "{}：{}个单位未报（{}）{}{}",
                    metric(*m),
                    units.len(),
                    unit_names(plan, units, "、"),
                    if derived { format!("，{total}数为已报单位合计") } else { String::new() },
                    if no_yoy { format!("，{total}同比不计算") } else { String::new() }
                ),
                Lang::En => format!(
                    "{}: {} not reported ({}){}{}",
                    metric(*m),
                    units_have(units.len()),
                    unit_names(plan, units, ", "),
                    if derived { "; the total is the sum of those that have" } else { "" },
                    if no_yoy { "; no year-on-year rate for the total" } else { "" }
                ),
            }
        }
        (Warning::LastYearIncomplete { metric: m, units }, Lang::Zh) => format!(
            "{}：{total}未填上年同期，{}个单位也未填（{}），{total}同比不计算",
            metric(*m),
            units.len(),
            unit_names(plan, units, "、")
        ),
        (Warning::LastYearIncomplete { metric: m, units }, Lang::En) => format!(
            "{}: the total has no figure for the same period last year, nor have {} of its units ({}): no year-on-year rate for the total",
            metric(*m),
            units.len(),
            unit_names(plan, units, ", ")
        ),
        (Warning::CarryoverAboveActual { unit: u, metric: m, carryover, actual }, Lang::Zh) => format!(
            "{} · {}：其中上年结余 {} 大于完成数 {}，请核对",
            unit(*u),
            metric(*m),
            amount(*m, *carryover),
            amount(*m, *actual)
        ),
        (Warning::CarryoverAboveActual { unit: u, metric: m, carryover, actual }, Lang::En) => format!(
            "{} · {}: carried over from last year {} is more than the actual {}: please check",
            unit(*u),
            metric(*m),
            amount(*m, *carryover),
            amount(*m, *actual)
        ),
        (Warning::MonthlyMismatch { unit: u, metric: m, monthly_sum, actual }, Lang::Zh) => format!(
            "{} · {}：各月合计 {} 与累计完成数 {} 不一致（以累计数为准）",
            unit(*u),
            metric(*m),
            amount(*m, *monthly_sum),
            amount(*m, *actual)
        ),
        (Warning::MonthlyMismatch { unit: u, metric: m, monthly_sum, actual }, Lang::En) => format!(
            "{} · {}: the months add up to {}, the year-to-date actual is {} (the actual is used)",
            unit(*u),
            metric(*m),
            amount(*m, *monthly_sum),
            amount(*m, *actual)
        ),
        (Warning::NegativeTarget { unit: u, metric: m, tier: t, target }, Lang::Zh) => format!(
            "{} · {} · {}：目标为负数（{}），完成率无意义，请核对",
            unit(*u),
            metric(*m),
            tier(*t),
            amount(*m, *target)
        ),
        (Warning::NegativeTarget { unit: u, metric: m, tier: t, target }, Lang::En) => format!(
            "{} · {} · {}: the target is negative ({}), so its completion means nothing: please check",
            unit(*u),
            metric(*m),
            tier(*t),
            amount(*m, *target)
        ),
        (Warning::SameName { kind, name, count }, Lang::Zh) => format!(
            "有{count}个{}都叫“{name}”，表中无法区分{}",
            match kind {
                NameKind::Unit => "单位",
                NameKind::Metric => "指标",
                NameKind::Tier => "目标档次",
            },
            match kind {
                NameKind::Unit => "；粘贴时同名的行按顺序对应这些单位，请在录入数据中改名",
                NameKind::Metric | NameKind::Tier => "，请在计划设置中改名",
            }
        ),
        (Warning::SameName { kind, name, count }, Lang::En) => format!(
            "{count} {} are called \"{name}\": the tables cannot tell them apart{}",
            match kind {
                NameKind::Unit => "units",
                NameKind::Metric => "metrics",
                NameKind::Tier => "target tiers",
            },
            match kind {
                NameKind::Unit => "; pasted rows of that name go to them in order. Rename them in Enter data",
                NameKind::Metric | NameKind::Tier => ". Rename them in Plan settings",
            }
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
